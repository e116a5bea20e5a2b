/**
 * The SSM handler table: Parameter Store in full, tags, documents, Run
 * Command and maintenance windows. The rest of SSM (associations, automation,
 * inventory, patching, OpsCenter, sessions) answers NotImplemented.
 */
import type { HandlerTable } from '../../../src/core/service';
import type { SsmBackend } from '../models/backend';
import type { SsmOperations } from '../types';
import * as commands from './commands';
import * as documents from './documents';
import * as windows from './maintenance-windows';
import * as parameters from './parameters';
import * as policies from './resource-policies';
import * as settings from './settings';
import * as tags from './tags';

export const handlers: HandlerTable<SsmOperations, SsmBackend> = {
  AddTagsToResource: tags.addTagsToResource,
  CancelCommand: commands.cancelCommand,
  CreateDocument: documents.createDocument,
  CreateMaintenanceWindow: windows.createMaintenanceWindow,
  DeleteDocument: documents.deleteDocument,
  DeleteMaintenanceWindow: windows.deleteMaintenanceWindow,
  DeleteParameter: parameters.deleteParameter,
  DeleteParameters: parameters.deleteParameters,
  DeleteResourcePolicy: policies.deleteResourcePolicy,
  DeregisterTargetFromMaintenanceWindow: windows.deregisterTargetFromMaintenanceWindow,
  DeregisterTaskFromMaintenanceWindow: windows.deregisterTaskFromMaintenanceWindow,
  DescribeDocument: documents.describeDocument,
  DescribeDocumentPermission: documents.describeDocumentPermission,
  DescribeMaintenanceWindowTargets: windows.describeMaintenanceWindowTargets,
  DescribeMaintenanceWindowTasks: windows.describeMaintenanceWindowTasks,
  DescribeMaintenanceWindows: windows.describeMaintenanceWindows,
  DescribeMaintenanceWindowsForTarget: windows.describeMaintenanceWindowsForTarget,
  DescribeParameters: parameters.describeParameters,
  GetCommandInvocation: commands.getCommandInvocation,
  GetDocument: documents.getDocument,
  GetMaintenanceWindow: windows.getMaintenanceWindow,
  GetMaintenanceWindowTask: windows.getMaintenanceWindowTask,
  GetParameter: parameters.getParameter,
  GetServiceSetting: settings.getServiceSetting,
  GetParameterHistory: parameters.getParameterHistory,
  GetParameters: parameters.getParameters,
  GetParametersByPath: parameters.getParametersByPath,
  GetResourcePolicies: policies.getResourcePolicies,
  LabelParameterVersion: parameters.labelParameterVersion,
  ListCommandInvocations: commands.listCommandInvocations,
  ListCommands: commands.listCommands,
  ListDocumentVersions: documents.listDocumentVersions,
  ListDocuments: documents.listDocuments,
  ListTagsForResource: tags.listTagsForResource,
  ModifyDocumentPermission: documents.modifyDocumentPermission,
  PutParameter: parameters.putParameter,
  PutResourcePolicy: policies.putResourcePolicy,
  RegisterTargetWithMaintenanceWindow: windows.registerTargetWithMaintenanceWindow,
  RegisterTaskWithMaintenanceWindow: windows.registerTaskWithMaintenanceWindow,
  RemoveTagsFromResource: tags.removeTagsFromResource,
  ResetServiceSetting: settings.resetServiceSetting,
  SendCommand: commands.sendCommand,
  UnlabelParameterVersion: parameters.unlabelParameterVersion,
  UpdateDocument: documents.updateDocument,
  UpdateDocumentDefaultVersion: documents.updateDocumentDefaultVersion,
  UpdateMaintenanceWindow: windows.updateMaintenanceWindow,
  UpdateMaintenanceWindowTarget: windows.updateMaintenanceWindowTarget,
  UpdateMaintenanceWindowTask: windows.updateMaintenanceWindowTask,
  UpdateServiceSetting: settings.updateServiceSetting,
};
