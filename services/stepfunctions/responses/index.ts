/** The Step Functions handler table (operations left out answer NotImplemented). */
import type { HandlerTable } from '../../../src/core/service';
import type { StepFunctionsBackend } from '../models/backend';
import type { StepfunctionsOperations } from '../types';
import * as activities from './activities';
import * as executions from './executions';
import * as machines from './machines';
import * as mapRuns from './map-runs';
import * as tags from './tags';
import { testState } from './test-state';

export const handlers: HandlerTable<StepfunctionsOperations, StepFunctionsBackend> = {
  CreateActivity: activities.createActivity,
  CreateStateMachine: machines.createStateMachine,
  CreateStateMachineAlias: machines.createStateMachineAlias,
  DeleteActivity: activities.deleteActivity,
  DeleteStateMachine: machines.deleteStateMachine,
  DeleteStateMachineAlias: machines.deleteStateMachineAlias,
  DeleteStateMachineVersion: machines.deleteStateMachineVersion,
  DescribeActivity: activities.describeActivity,
  DescribeExecution: executions.describeExecution_,
  DescribeMapRun: mapRuns.describeMapRun,
  DescribeStateMachine: machines.describeStateMachine,
  DescribeStateMachineAlias: machines.describeStateMachineAlias,
  DescribeStateMachineForExecution: machines.describeStateMachineForExecution,
  GetActivityTask: activities.getActivityTask,
  GetExecutionHistory: executions.getExecutionHistory,
  ListActivities: activities.listActivities,
  ListExecutions: executions.listExecutions,
  ListMapRuns: mapRuns.listMapRuns,
  ListStateMachineAliases: machines.listStateMachineAliases,
  ListStateMachineVersions: machines.listStateMachineVersions,
  ListStateMachines: machines.listStateMachines,
  ListTagsForResource: tags.listTagsForResource,
  PublishStateMachineVersion: machines.publishStateMachineVersion,
  RedriveExecution: executions.redriveExecution,
  SendTaskFailure: activities.sendTaskFailure,
  SendTaskHeartbeat: activities.sendTaskHeartbeat,
  SendTaskSuccess: activities.sendTaskSuccess,
  StartExecution: executions.startExecution,
  StartSyncExecution: executions.startSyncExecution,
  StopExecution: executions.stopExecution,
  TagResource: tags.tagResource,
  TestState: testState,
  UntagResource: tags.untagResource,
  UpdateMapRun: mapRuns.updateMapRun,
  UpdateStateMachine: machines.updateStateMachine,
  UpdateStateMachineAlias: machines.updateStateMachineAlias,
  ValidateStateMachineDefinition: machines.validateStateMachineDefinition,
};
