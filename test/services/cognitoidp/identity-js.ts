/**
 * amazon-cognito-identity-js, loaded with the global `navigator` hidden.
 *
 * Its bundled jsbn picks a multiplication routine at load time from `navigator.appName`: Node 21+ defines a
 * global `navigator` without `appName`, so the library takes the routine meant for old browsers, about 25×
 * slower, and an SRP sign-in takes seconds under Node 22 and 24. Hiding `navigator` while the module loads
 * gives it the routine it uses under Node 20. Tests import the library from here, never directly.
 */
import type * as IdentityJs from 'amazon-cognito-identity-js';

function loadWithoutNavigator(): typeof IdentityJs {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
  if (descriptor?.configurable) Reflect.deleteProperty(globalThis, 'navigator');
  try {
    return require('amazon-cognito-identity-js') as typeof IdentityJs;
  } finally {
    if (descriptor?.configurable) Object.defineProperty(globalThis, 'navigator', descriptor);
  }
}

const identityJs = loadWithoutNavigator();
export const { AuthenticationDetails, CognitoUser, CognitoUserPool, CognitoUserAttribute } = identityJs;
export type { CognitoUserSession, ICognitoStorage } from 'amazon-cognito-identity-js';
