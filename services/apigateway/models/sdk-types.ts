/**
 * The SDK types GetSdkTypes lists (AWS's documented set: android, javascript,
 * ios-objective-c, ios-swift, java, ruby) with the configuration properties
 * GetSdk takes for each (required ones as the GetSdk reference names them).
 * Descriptions are this fake's wording.
 */
import type * as T from '../types';

const prop = (name: string, friendlyName: string, description: string, required: boolean, defaultValue?: string): T.SdkConfigurationProperty => ({
  name,
  friendlyName,
  description,
  required,
  defaultValue,
});

export const SDK_TYPES: T.SdkType[] = [
  {
    id: 'android',
    friendlyName: 'Android SDK',
    description: 'An Android client library for the API',
    configurationProperties: [
      prop('groupId', 'Group ID', 'The Maven group ID of the generated project', true),
      prop('invokerPackage', 'Invoker package', 'The Java package of the generated client', true),
      prop('artifactId', 'Artifact ID', 'The Maven artifact ID of the generated project', true),
      prop('artifactVersion', 'Artifact version', 'The version of the generated artifact', true),
    ],
  },
  { id: 'javascript', friendlyName: 'JavaScript', description: 'A JavaScript client library for the API', configurationProperties: [] },
  {
    id: 'ios-objective-c',
    friendlyName: 'iOS (Objective-C)',
    description: 'An Objective-C client library for iOS',
    configurationProperties: [prop('classPrefix', 'Prefix', 'The prefix of the generated class names', true)],
  },
  {
    id: 'ios-swift',
    friendlyName: 'iOS (Swift)',
    description: 'A Swift client library for iOS',
    configurationProperties: [prop('classPrefix', 'Prefix', 'The prefix of the generated class names', true)],
  },
  {
    id: 'java',
    friendlyName: 'Java SDK',
    description: 'A Java client library for the API',
    configurationProperties: [
      prop('serviceName', 'Service name', 'The name of the generated client class', true),
      prop('javaPackageName', 'Java package name', 'The package of the generated classes', true),
      prop('javaBuildSystem', 'Build system', 'maven or gradle', false, 'maven'),
      prop('javaGroupId', 'Group ID', 'The group ID of the generated project', false),
      prop('javaArtifactId', 'Artifact ID', 'The artifact ID of the generated project', false),
      prop('javaArtifactVersion', 'Artifact version', 'The version of the generated project', false),
    ],
  },
  {
    id: 'ruby',
    friendlyName: 'Ruby',
    description: 'A Ruby client library for the API',
    configurationProperties: [
      prop('service.name', 'Service name', 'The name of the generated client', true),
      prop('ruby.gem-name', 'Ruby gem name', 'The name of the generated gem', false),
      prop('ruby.gem-version', 'Ruby gem version', 'The version of the generated gem', false),
    ],
  },
];
