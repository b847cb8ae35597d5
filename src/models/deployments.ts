import type { DeploymentModel } from '../engine/model.js';

/** CloudFormation's YAML short forms of its intrinsic functions, by tag (without `!`). */
const CLOUDFORMATION_TAGS: Readonly<Record<string, string>> = {
  Ref: 'Ref',
  Condition: 'Condition',
  ...Object.fromEntries(
    [
      'And',
      'Base64',
      'Cidr',
      'Equals',
      'FindInMap',
      'GetAtt',
      'GetAZs',
      'If',
      'ImportValue',
      'Join',
      'Not',
      'Or',
      'Select',
      'Split',
      'Sub',
      'Transform',
      'ToJsonString',
      'Length',
    ].map((name) => [name, `Fn::${name}`]),
  ),
};

/** The DynamoDB table resource types of CloudFormation and its SAM transform. */
const TABLE_TYPES = ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable', 'AWS::Serverless::SimpleTable'];

/**
 * AWS SAM templates (`sam init` writes `template.yaml`): each `AWS::Serverless::Function` names
 * its handler relative to its `CodeUri` and gets `Environment.Variables`, over the template's
 * `Globals.Function` ones; `!Ref NotesTable` is the table resource's name.
 */
export const samTemplate: DeploymentModel = {
  format: 'AWS SAM',
  files: ['template.yaml', 'template.yml', 'template.json'],
  functions: { path: ['Resources'], types: ['AWS::Serverless::Function'] },
  handler: ['Properties', 'Handler'],
  codeUri: ['Properties', 'CodeUri'],
  environment: ['Properties', 'Environment', 'Variables'],
  shared: {
    codeUri: ['Globals', 'Function', 'CodeUri'],
    environment: ['Globals', 'Function', 'Environment', 'Variables'],
  },
  tables: { path: ['Resources'], types: TABLE_TYPES, name: ['Properties', 'TableName'] },
  tags: CLOUDFORMATION_TAGS,
};

/**
 * The Serverless Framework (`serverless.yml`, or `serverless.ts` exporting the same object):
 * `functions.<name>.handler` relative to the file, `environment` of the function over
 * `provider.environment`, tables declared as CloudFormation under `resources.Resources`. An HTTP
 * route (`events: [{ httpApi: … }]` or `http`) is protected by its `authorizer`: a name from
 * `provider.httpApi.authorizers` (an `issuerUrl` makes it a JWT authorizer), or inline settings
 * (`type: COGNITO_USER_POOLS`, a user pool's `arn`). Other triggers (`alb`, `websocket`, queues) and
 * a function URL (`url`) reach the function without it.
 */
export const serverlessTemplate: DeploymentModel = {
  format: 'Serverless Framework',
  files: ['serverless.yml', 'serverless.yaml'],
  functions: { path: ['functions'] },
  handler: ['handler'],
  environment: ['environment'],
  shared: { environment: ['provider', 'environment'] },
  tables: { path: ['resources', 'Resources'], types: TABLE_TYPES, name: ['Properties', 'TableName'] },
  tags: CLOUDFORMATION_TAGS,
  scripts: {
    files: ['serverless.ts', 'serverless.js'],
    merges: [
      { from: 'package', package: 'deepmerge', name: ['default', 'deepmerge', 'merge'] },
      { from: 'package', package: 'lodash', name: 'merge' },
      { from: 'package', package: 'lodash.merge', name: ['default', 'merge'] },
    ],
  },
  gateway: {
    events: ['events'],
    routeKinds: ['httpApi', 'http'],
    directAccess: ['url'],
    authorizer: 'authorizer',
    declared: ['provider', 'httpApi', 'authorizers'],
    issuerMembers: ['issuerUrl'],
    tokenTypes: ['jwt', 'cognito_user_pools'],
    userPoolArns: [':cognito-idp:'],
    identityHeader: 'header.authorization',
  },
};
