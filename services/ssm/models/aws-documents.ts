/**
 * Documents AWS owns in every account and region, with the parameters their
 * published content declares (SSM document reference). SendCommand checks
 * parameters against these.
 */
export interface OwnedDocument {
  name: string;
  documentType: string;
  platformTypes: string[];
  content: Record<string, unknown>;
}

const commands = {
  type: 'StringList',
  description: '(Required) Specify a shell script or a command to run.',
  minItems: 1,
  displayType: 'textarea',
};

export const AWS_DOCUMENTS: OwnedDocument[] = [
  {
    name: 'AWS-RunShellScript',
    documentType: 'Command',
    platformTypes: ['Linux', 'MacOS'],
    content: {
      schemaVersion: '1.2',
      description: 'Run a shell script or specify the commands to run.',
      parameters: {
        commands,
        workingDirectory: { type: 'String', default: '', description: '(Optional) The path to the working directory on your instance.', maxChars: 4096 },
        executionTimeout: { type: 'String', default: '3600', description: '(Optional) The time in seconds for a command to complete before it is considered to have failed. Default is 3600 (1 hour). Maximum is 172800 (48 hours).', allowedPattern: '([1-9][0-9]{0,4})|(1[0-6][0-9]{4})|(17[0-1][0-9]{3})|(172[0-7][0-9]{2})|(172800)' },
      },
      runtimeConfig: {
        'aws:runShellScript': {
          properties: [{ id: '0.aws:runShellScript', runCommand: '{{ commands }}', workingDirectory: '{{ workingDirectory }}', timeoutSeconds: '{{ executionTimeout }}' }],
        },
      },
    },
  },
  {
    name: 'AWS-RunPowerShellScript',
    documentType: 'Command',
    platformTypes: ['Windows', 'Linux', 'MacOS'],
    content: {
      schemaVersion: '1.2',
      description: 'Run a PowerShell script or specify the paths to scripts to run.',
      parameters: {
        commands: { ...commands, description: '(Required) Specify the commands to run or the paths to an existing script on the instance.' },
        workingDirectory: { type: 'String', default: '', description: '(Optional) The path to the working directory on your instance.', maxChars: 4096 },
        executionTimeout: { type: 'String', default: '3600', description: '(Optional) The time in seconds for a command to be completed before it is considered to have failed. Default is 3600 (1 hour). Maximum is 172800 (48 hours).' },
      },
      runtimeConfig: {
        'aws:runPowerShellScript': {
          properties: [{ id: '0.aws:runPowerShellScript', runCommand: '{{ commands }}', workingDirectory: '{{ workingDirectory }}', timeoutSeconds: '{{ executionTimeout }}' }],
        },
      },
    },
  },
  {
    name: 'AWS-UpdateSSMAgent',
    documentType: 'Command',
    platformTypes: ['Windows', 'Linux', 'MacOS'],
    content: {
      schemaVersion: '1.2',
      description: 'Update the Amazon SSM Agent to the latest version or specified version.',
      parameters: {
        version: { default: '', description: '(Optional) A specific version of the Amazon SSM Agent to install. If not specified, the agent will be updated to the latest version.', type: 'String' },
        allowDowngrade: { default: 'false', description: '(Optional) Allow the Amazon SSM Agent service to be downgraded to an earlier version. If set to false, the service can be upgraded to newer versions only (default). If set to true, specify the earlier version.', type: 'String', allowedValues: ['true', 'false'] },
      },
      runtimeConfig: { 'aws:updateSsmAgent': { properties: [{ agentName: 'amazon-ssm-agent', source: 'https://s3.{Region}.amazonaws.com/amazon-ssm-{Region}/ssm-agent-manifest.json', allowDowngrade: '{{ allowDowngrade }}', targetVersion: '{{ version }}' }] } },
    },
  },
];
