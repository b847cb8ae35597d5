/**
 * The SARIF formatter, loaded the way `eslint -f <path>` loads it (ESLint 10 and 9), on real
 * results: valid against the SARIF 2.1.0 schema (tests/schemas, the OASIS errata01 schema), code
 * flows equal to the rules' `data.steps`, rule metadata, suppressions and line-independent
 * fingerprints.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { ESLint, type Linter, type Rule } from 'eslint';
import { ESLint as ESLint9 } from 'eslint9';
import type { Log, Result } from 'sarif';
import type { TSESTree } from '@typescript-eslint/utils';
import tseslint from 'typescript-eslint';
import { formatFlow, type FlowLocation } from '../src/engine/report.js';
import { parseFlow, splitFlow } from '../src/flow-text.js';
import plugin from '../src/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const project = path.join(repoRoot, 'tests', 'fixtures', 'cli', 'ts-app');
const notesFile = path.join(project, 'src', 'notes.ts');
const formatterPath = path.join(repoRoot, 'dist', 'src', 'formatters', 'sarif.js');
const NAMESPACE = plugin.meta.namespace;
const UNSCOPED = `${NAMESPACE}/no-unscoped-key`;
/** The CWE of each rule's weakness, as the issue that asked for them names them. */
const CWE: Record<string, number> = {
  'no-unscoped-key': 639,
  'no-expression-injection': 943,
  'no-unvalidated-input': 20,
  'no-raw-item-response': 213,
};

/** What the rules pass to `context.report` (a node or a location, and the flow as JSON), with the rule's id. */
interface RecordedReport {
  readonly ruleId: string;
  readonly node?: { readonly loc: TSESTree.SourceLocation };
  readonly loc?: TSESTree.SourceLocation;
  readonly data: { readonly steps: string };
}

/** The plugin with every rule recording the `data` of its reports, to compare with what the formatter reads back. */
function recordingConfig(reports: RecordedReport[]): Linter.Config {
  const rules = Object.fromEntries(
    Object.entries(plugin.rules ?? {}).map(([id, rule]) => [
      id,
      {
        ...rule,
        create(context: Rule.RuleContext) {
          const recording = Object.create(context, {
            report: {
              value: (descriptor: Rule.ReportDescriptor) => {
                reports.push({ ...(descriptor as unknown as RecordedReport), ruleId: `${NAMESPACE}/${id}` });
                context.report(descriptor);
              },
            },
          }) as Rule.RuleContext;
          return rule.create(recording);
        },
      },
    ]),
  );
  return { ...plugin.configs.strict, plugins: { [NAMESPACE]: { ...plugin, rules } } };
}

function createESLint(reports: RecordedReport[]): ESLint {
  return new ESLint({
    cwd: project,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: {
          parser: tseslint.parser,
          parserOptions: { projectService: true, tsconfigRootDir: project },
        },
      },
      recordingConfig(reports),
    ],
  });
}

function validator() {
  // Both packages are CommonJS whose `module.exports` also carries `default`; NodeNext types see only the latter.
  const ajv = new AjvDraft04.default({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv.compile(
    JSON.parse(fs.readFileSync(path.join(repoRoot, 'tests', 'schemas', 'sarif-schema-2.1.0.json'), 'utf8')) as object,
  );
}

/** `formatFlow` merges repeated consecutive hops; so does the text the formatter reads. */
function distinctHops(steps: readonly FlowLocation[]): FlowLocation[] {
  return steps.filter(
    (step, i) =>
      i === 0 ||
      step.label !== steps[i - 1]!.label ||
      step.file !== steps[i - 1]!.file ||
      step.line !== steps[i - 1]!.line,
  );
}

const start = (result: Result) => result.locations![0]!.physicalLocation!.region!;

describe('SARIF formatter', () => {
  const reports: RecordedReport[] = [];
  let eslint: ESLint;
  let results: ESLint.LintResult[];
  let log: Log;
  /** `no-unscoped-key` results by line: the example's findings whose places are known. */
  let unscoped: Map<number, Result>;

  beforeAll(async () => {
    expect(fs.existsSync(formatterPath), 'run `npm run build` first').toBe(true);
    eslint = createESLint(reports);
    results = await eslint.lintFiles(['src']);
    log = JSON.parse(await (await eslint.loadFormatter(formatterPath)).format(results)) as Log;
    unscoped = new Map(log.runs[0]!.results!.filter((r) => r.ruleId === UNSCOPED).map((r) => [start(r).startLine!, r]));
  });

  it('is valid SARIF 2.1.0', () => {
    const validate = validator();
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('gives each finding the flow its rule reported, as a code flow and related locations', () => {
    expect([...unscoped.keys()].sort((a, b) => a - b)).toEqual([19, 24, 29]);
    expect(reports.length).toBe(log.runs[0]!.results!.length);
    for (const report of reports) {
      const steps = distinctHops(JSON.parse(report.data.steps) as FlowLocation[]);
      const { line, column } = (report.node?.loc ?? report.loc)!.start;
      const result = log.runs[0]!.results!.find(
        (r) => r.ruleId === report.ruleId && start(r).startLine === line && start(r).startColumn === column + 1,
      )!;
      expect(result, `${report.ruleId} at ${line}:${column + 1}`).toBeDefined();
      const threadFlow = result.codeFlows![0]!.threadFlows[0]!.locations.map((l) => l.location!);
      expect(
        threadFlow.map((l) => [
          l.message!.text,
          l.physicalLocation!.artifactLocation!.uri,
          l.physicalLocation!.region!.startLine,
        ]),
      ).toEqual(steps.map((s) => [s.label, s.file.split(path.sep).join('/'), s.line]));
      expect(result.relatedLocations!.map(({ id, ...location }) => [id, location])).toEqual(
        threadFlow.map((l, i) => [i, l]),
      );
    }
    const crossFile = unscoped
      .get(24)!
      .codeFlows![0]!.threadFlows[0]!.locations.map((l) => l.location!.physicalLocation!.artifactLocation!.uri);
    expect(crossFile).toEqual(['src/notes.ts', 'src/repository.ts', 'src/repository.ts']);
  });

  it('points at files relative to %SRCROOT%, the lint working directory', () => {
    const [sarifRun] = log.runs;
    expect(sarifRun!.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: `file://${project}/` } });
    expect(unscoped.get(19)!.locations![0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'src/notes.ts', uriBaseId: '%SRCROOT%' },
      region: { startLine: 19, startColumn: 82, endLine: 19, endColumn: 99 },
    });
  });

  it('describes each rule with its docs, its rule page as help, CWE tags and a security severity', () => {
    const descriptors = log.runs[0]!.tool.driver.rules!;
    expect(descriptors.length).toBeGreaterThan(0);
    for (const [index, descriptor] of descriptors.entries()) {
      const name = descriptor.id.slice(NAMESPACE.length + 1);
      const meta = plugin.rules![name]!.meta!;
      const level = (meta.docs as { recommended: 'error' | 'warn' }).recommended;
      const page = fs.readFileSync(path.join(repoRoot, 'docs', 'rules', `${name}.md`), 'utf8');
      expect(descriptor).toEqual({
        id: descriptor.id,
        shortDescription: { text: meta.docs!.description },
        fullDescription: { text: expect.stringMatching(/^\S.{40,}[.:]$/) as unknown },
        helpUri: meta.docs!.url,
        help: {
          text: expect.stringContaining(`See ${meta.docs!.url!}`) as unknown,
          markdown: expect.any(String) as unknown,
        },
        defaultConfiguration: { level: level === 'error' ? 'error' : 'warning' },
        properties: {
          tags: ['security', `external/cwe/cwe-${String(CWE[name])}`],
          precision: 'high',
          'problem.severity': level === 'error' ? 'error' : 'warning',
          'security-severity': level === 'error' ? '8.1' : '5.3',
        },
      });
      // The page below its generated header, with links that work outside the repository.
      const markdown = descriptor.help!.markdown!;
      expect(markdown).toMatch(/^## Rule details\n/);
      expect(markdown).toContain('## Examples');
      expect(page).toContain(markdown.split('\n')[2]!);
      expect(markdown).not.toMatch(/\]\((?!https?:)[^)]+\)/);
      for (const result of log.runs[0]!.results!.filter((r) => r.ruleId === descriptor.id))
        expect(result.ruleIndex).toBe(index);
    }
    expect(descriptors.map((d) => d.id)).toContain(UNSCOPED);
    expect(unscoped.get(19)).toMatchObject({ level: 'error' });
  });

  it('carries editor suggestions as SARIF fixes', async () => {
    const injection = `${fs.readFileSync(notesFile, 'utf8')}
app.get('/search', async (req, res) => {
  const out = await ddb.send(new QueryCommand({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', FilterExpression: \`status = \${String(req.query.status)}\`, ExpressionAttributeValues: { ':o': req.user!.sub } }));
  res.json(out.Items?.map((n) => ({ id: n.id })));
});
`.replace(
      "import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';",
      "import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';",
    );
    const [edited] = await eslint.lintText(injection, { filePath: notesFile });
    const sarif = JSON.parse(await (await eslint.loadFormatter(formatterPath)).format([edited!])) as Log;
    expect(validator()(sarif)).toBe(true);
    const result = sarif.runs[0]!.results!.find((r) => r.ruleId === `${NAMESPACE}/no-expression-injection`)!;
    const suggestion = edited!.messages.find((m) => m.ruleId === `${NAMESPACE}/no-expression-injection`)!
      .suggestions![0]!;
    expect(result.fixes).toEqual([
      {
        description: { text: suggestion.desc },
        artifactChanges: [
          {
            artifactLocation: { uri: 'src/notes.ts', uriBaseId: '%SRCROOT%' },
            replacements: [
              {
                deletedRegion: {
                  charOffset: suggestion.fix.range[0],
                  charLength: suggestion.fix.range[1] - suggestion.fix.range[0],
                },
                insertedContent: { text: suggestion.fix.text },
              },
            ],
          },
        ],
      },
    ]);
    // Applied to the file, the fix binds the value as a placeholder.
    const [start, end] = suggestion.fix.range;
    expect(injection.slice(0, start) + suggestion.fix.text + injection.slice(end)).toContain(
      "':status': String(req.query.status)",
    );
  });

  it('loads only the rule metadata, not the plugin, its engine or TypeScript', () => {
    // The built formatter's static imports, followed through the package's own files.
    const seen = new Set<string>();
    const bare = new Set<string>();
    const queue = [formatterPath];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      for (const [, specifier] of fs
        .readFileSync(file, 'utf8')
        .matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'/gm)) {
        if (specifier!.startsWith('.')) queue.push(path.resolve(path.dirname(file), specifier!));
        else bare.add(specifier!);
      }
    }
    expect([...bare].filter((specifier) => !specifier.startsWith('node:'))).toEqual([]);
    expect([...seen].map((file) => path.relative(path.join(repoRoot, 'dist', 'src'), file)).sort()).toEqual([
      'flow-text.js',
      'formatters/rule-docs.js',
      'formatters/sarif.js',
      'rule-meta.js',
      'util/package-info.js',
    ]);
  });

  it('keeps findings silenced by eslint-disable, marked as suppressed in source', () => {
    expect(unscoped.get(29)!.suppressions).toEqual([
      { kind: 'inSource', justification: 'admins only, checked by the gateway' },
    ]);
    expect(unscoped.get(19)!.suppressions).toBeUndefined();
  });

  it('fingerprints findings independently of their line numbers', async () => {
    const fingerprints = (sarif: Log) =>
      sarif.runs[0]!.results!.map((r) => r.partialFingerprints!['dynamodb-security/v1']);
    const before = fingerprints(log);
    expect(new Set(before).size).toBe(before.length);

    // The same file with two lines added at the top: every finding moves, no fingerprint changes.
    const moved = `// moved\n// down\n${fs.readFileSync(notesFile, 'utf8')}`;
    const [edited] = await eslint.lintText(moved, { filePath: notesFile });
    const others = results.filter((r) => r.filePath !== notesFile);
    const after = JSON.parse(await (await eslint.loadFormatter(formatterPath)).format([...others, edited!])) as Log;
    const lines = (sarif: Log) => sarif.runs[0]!.results!.map((r) => start(r).startLine);
    expect(lines(after)).toEqual(
      lines(log).map((line, i) =>
        log.runs[0]!.results![i]!.locations![0]!.physicalLocation!.artifactLocation!.uri === 'src/notes.ts'
          ? line! + 2
          : line,
      ),
    );
    expect(fingerprints(after)).toEqual(before);
  });

  it('gives the same log as an ESLint 9 formatter', async () => {
    const eslint9 = new ESLint9({
      cwd: project,
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ['**/*.ts'],
          languageOptions: {
            parser: tseslint.parser,
            parserOptions: { projectService: true, tsconfigRootDir: project },
          },
        },
        plugin.configs.strict,
      ] as never,
    });
    const output = await (await eslint9.loadFormatter(formatterPath)).format(await eslint9.lintFiles(['src']));
    expect(JSON.parse(output)).toEqual(log);
  });
});

describe('flow text', () => {
  it('reads back what formatFlow writes, across files', () => {
    const cwd = '/repo';
    const flow: FlowLocation[] = [
      { label: '`req.params.orderId`', file: 'routes/orders.ts', line: 11 },
      { label: 'OrderRepository.findById(orderId)', file: 'repositories/order.ts', line: 9 },
      { label: 'Key.orderId in GetCommand', file: 'repositories/order.ts', line: 10 },
    ];
    const message = `${formatFlow(flow, '/repo/routes/orders.ts', cwd)}: the route parameter picks the item (IDOR).`;
    expect(parseFlow(message, '/repo/routes/orders.ts', cwd)).toEqual(flow);
    expect(parseFlow('A message without a flow.', '/repo/a.ts', cwd)).toEqual([]);
    expect(splitFlow(message, '/repo/routes/orders.ts', cwd).rest).toBe('the route parameter picks the item (IDOR).');
  });

  it('is how every rule message starts, so SARIF output carries every finding’s path', () => {
    for (const [id, rule] of Object.entries(plugin.rules ?? {})) {
      for (const [messageId, text] of Object.entries(rule.meta?.messages ?? {})) {
        // Suggestion titles (`suggest…`) are not reports.
        if (messageId.startsWith('suggest')) continue;
        expect(
          text.startsWith('{{flow}}'),
          `${id}.${messageId} must start with {{flow}} (see src/formatters/sarif.ts)`,
        ).toBe(true);
      }
    }
  });
});
