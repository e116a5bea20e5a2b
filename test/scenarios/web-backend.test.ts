/**
 * A web back end as teams build it: Cognito sign-in, an HTTP API whose route
 * is protected by a JWT authorizer for the user pool, and a Lambda behind it
 * that reads DynamoDB. A user signs up, confirms with the code the test reads,
 * signs in twice (USER_PASSWORD_AUTH through the SDK, USER_SRP_AUTH through
 * amazon-cognito-identity-js), and calls the route with fetch; without a
 * token, or with a token from another pool, the call is 401. All in-process.
 */
import { AuthenticationDetails, CognitoUser, CognitoUserPool, type CognitoUserSession } from '../services/cognitoidp/identity-js';
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateAuthorizerCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import {
  AdminConfirmSignUpCommand,
  ConfirmSignUpCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { idp } from '../services/cognitoidp/support';
import { createNodeFunction, lambdaClient, useLambdaRole } from '../services/lambda/support';
import { useMockAws } from '../services/lifecycle';

const region = 'us-east-1';
const PASSWORD = 'Corr3ct-horse!';

// The function behind the route: the caller's `sub` from the authorizer's claims, their orders from DynamoDB.
const HANDLER = `
const { DynamoDBClient, QueryCommand } = require('@aws-sdk/client-dynamodb');
const ddb = new DynamoDBClient({});
exports.handler = async (event) => {
  const claims = event.requestContext.authorizer.jwt.claims;
  const out = await ddb.send(new QueryCommand({
    TableName: 'orders',
    KeyConditionExpression: 'userId = :o',
    ExpressionAttributeValues: { ':o': { S: claims.sub } },
  }));
  return { user: claims['cognito:username'], orders: out.Items.map((i) => i.id.S) };
};`;

function srpSignIn(poolId: string, clientId: string, username: string): Promise<CognitoUserSession> {
  const user = new CognitoUser({ Username: username, Pool: new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId }) });
  return new Promise((resolve, reject) => {
    user.authenticateUser(new AuthenticationDetails({ Username: username, Password: PASSWORD }), { onSuccess: resolve, onFailure: reject });
  });
}

describe('Cognito + API Gateway + Lambda + DynamoDB', () => {
  const aws = useMockAws();
  useLambdaRole();

  it('signs a user up and in, and only their token reaches the function that reads their orders', async () => {
    const cognito = idp();
    const pool = (await cognito.send(new CreateUserPoolCommand({ PoolName: 'shop-users', AutoVerifiedAttributes: ['email'] }))).UserPool;
    const app = (
      await cognito.send(
        new CreateUserPoolClientCommand({
          UserPoolId: pool?.Id,
          ClientName: 'web',
          ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        }),
      )
    ).UserPoolClient;
    const poolId = pool?.Id as string;
    const clientId = app?.ClientId as string;

    // Sign-up → UNCONFIRMED → confirmed with the code Cognito "sent".
    const signUp = await cognito.send(
      new SignUpCommand({ ClientId: clientId, Username: 'ann', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'ann@example.com' }] }),
    );
    expect(signUp.UserConfirmed).toBe(false);
    const code = (await aws.backends.cognitoidp()).lastCode(poolId, 'ann');
    await cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'ann', ConfirmationCode: code }));

    const ddb = new DynamoDBClient({ region });
    await ddb.send(
      new CreateTableCommand({
        TableName: 'orders',
        KeySchema: [
          { AttributeName: 'userId', KeyType: 'HASH' },
          { AttributeName: 'id', KeyType: 'RANGE' },
        ],
        AttributeDefinitions: [
          { AttributeName: 'userId', AttributeType: 'S' },
          { AttributeName: 'id', AttributeType: 'S' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );

    // The HTTP API: GET /orders behind a JWT authorizer for the pool, integrated with the function.
    const fn = await createNodeFunction(lambdaClient(), 'orders-api', { 'index.js': HANDLER });
    const api = new ApiGatewayV2Client({ region });
    const apiId = (await api.send(new CreateApiCommand({ Name: 'shop', ProtocolType: 'HTTP' }))).ApiId as string;
    const authorizer = await api.send(
      new CreateAuthorizerCommand({
        ApiId: apiId,
        Name: 'cognito',
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: { Issuer: `https://cognito-idp.${region}.amazonaws.com/${poolId}`, Audience: [clientId] },
      }),
    );
    const integration = await api.send(
      new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: 'AWS_PROXY', IntegrationUri: fn.FunctionArn, PayloadFormatVersion: '2.0' }),
    );
    await api.send(
      new CreateRouteCommand({
        ApiId: apiId,
        RouteKey: 'GET /orders',
        Target: `integrations/${integration.IntegrationId}`,
        AuthorizationType: 'JWT',
        AuthorizerId: authorizer.AuthorizerId,
      }),
    );
    await api.send(new CreateStageCommand({ ApiId: apiId, StageName: '$default', AutoDeploy: true }));
    const url = `https://${apiId}.execute-api.${region}.amazonaws.com/orders`;

    // Without a token: API Gateway's 401 and the function never runs.
    const anonymous = await fetch(url);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ message: 'Unauthorized' });

    // USER_PASSWORD_AUTH through the SDK; the ID token's sub owns the orders.
    const auth = await cognito.send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'ann', PASSWORD } }),
    );
    const idToken = auth.AuthenticationResult?.IdToken as string;
    const sub = JSON.parse(Buffer.from(idToken.split('.')[1], 'base64url').toString('utf8')).sub;
    await ddb.send(new PutItemCommand({ TableName: 'orders', Item: { userId: { S: sub }, id: { S: 'o-1' } } }));
    await ddb.send(new PutItemCommand({ TableName: 'orders', Item: { userId: { S: 'someone-else' }, id: { S: 'o-2' } } }));

    const res = await fetch(url, { headers: { authorization: `Bearer ${idToken}` } });
    expect([res.status, await res.text()]).toEqual([200, JSON.stringify({ user: 'ann', orders: ['o-1'] })]);

    // USER_SRP_AUTH with a real client library: its token is as good.
    const session = await srpSignIn(poolId, clientId, 'ann');
    const viaSrp = await fetch(url, { headers: { authorization: session.getIdToken().getJwtToken() } });
    expect(await viaSrp.json()).toEqual({ user: 'ann', orders: ['o-1'] });

    // A token from another pool (another issuer) is refused.
    const otherPool = (await cognito.send(new CreateUserPoolCommand({ PoolName: 'other' }))).UserPool?.Id as string;
    const otherApp = (
      await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: otherPool, ClientName: 'x', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }))
    ).UserPoolClient?.ClientId as string;
    await cognito.send(new SignUpCommand({ ClientId: otherApp, Username: 'eve', Password: PASSWORD }));
    // That pool verifies no attribute, so Cognito sends no code: an administrator confirms the user.
    await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: otherPool, Username: 'eve' }));
    const eve = await cognito.send(new InitiateAuthCommand({ ClientId: otherApp, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'eve', PASSWORD } }));
    const foreign = await fetch(url, { headers: { authorization: `Bearer ${eve.AuthenticationResult?.IdToken}` } });
    expect(foreign.status).toBe(401);
  }, 60_000);
});
