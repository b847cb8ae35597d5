import fs from 'node:fs';
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { NAMESPACE } from '../rule-meta.js';
import { ScanInputError } from './projects.js';

/** The names ESLint looks for, in its order. */
const CONFIG_NAMES = [
  'eslint.config.js',
  'eslint.config.mjs',
  'eslint.config.cjs',
  'eslint.config.ts',
  'eslint.config.mts',
  'eslint.config.cts',
];

/** What the project's ESLint config says about this plugin for one file. */
export interface OwnConfig {
  /** `settings['dynamodb-security']`, when the config sets it. */
  readonly settings: unknown;
  /** The config's entries for this plugin's rules (`dynamodb-security/…`), as ESLint computed them. */
  readonly rules: Readonly<Record<string, Linter.RuleEntry>>;
}

/** The project's flat config, read through ESLint itself so that `files`, `ignores` and cascading mean what they mean to ESLint. */
export interface ProjectConfig {
  /** The config file, absolute. */
  readonly file: string;
  /** True when the config ignores the file (its `ignores`, or ESLint's defaults such as `node_modules`). */
  isIgnored(file: string): Promise<boolean>;
  /** This plugin's settings and rule entries for the file; empty for files outside the config's directory. */
  ownConfigFor(file: string): Promise<OwnConfig>;
}

/** The nearest `eslint.config.*` in `dir` or above it, as ESLint finds it. */
export function findConfigFile(dir: string): string | undefined {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    for (const name of CONFIG_NAMES) {
      const candidate = path.join(current, name);
      if (fs.existsSync(candidate)) return candidate;
    }
    if (path.dirname(current) === current) return undefined;
  }
}

function describeLoadError(file: string, error: unknown): ScanInputError {
  const message = error instanceof Error ? error.message : String(error);
  return new ScanInputError(
    `the ESLint config ${file} could not be loaded: ${message}\n(run with --no-config to scan without it, or --config FILE to use another)`,
  );
}

/**
 * The config `scan` reads: `--config FILE` (relative to `cwd`), else the nearest `eslint.config.*`
 * in or above `from` (the first scanned path); undefined with `--no-config` or when there is none.
 */
export async function loadProjectConfig(
  option: string | false | undefined,
  cwd: string,
  from: string,
): Promise<ProjectConfig | undefined> {
  if (option === false) return undefined;
  let file: string | undefined;
  if (option !== undefined) {
    file = path.resolve(cwd, option);
    if (!fs.existsSync(file)) throw new ScanInputError(`no such ESLint config file: ${option}`);
  } else {
    file = findConfigFile(fs.statSync(from).isDirectory() ? from : path.dirname(from));
    if (file === undefined) return undefined;
  }
  const configFile = file;
  // As in ESLint: patterns of a found config are relative to its directory, of `--config FILE` to the working directory.
  const base = option !== undefined ? cwd : path.dirname(configFile);
  const eslint = new ESLint({ cwd: base, overrideConfigFile: configFile });
  const inside = (target: string) => {
    const relative = path.relative(base, target);
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  };
  // Load it now, so that a broken config is reported before the (long) program building.
  try {
    await eslint.calculateConfigForFile(path.join(base, '__dynamodb_security_probe__.ts'));
  } catch (error) {
    throw describeLoadError(configFile, error);
  }
  return {
    file: configFile,
    async isIgnored(target) {
      return inside(target) && (await eslint.isPathIgnored(target));
    },
    async ownConfigFor(target) {
      if (!inside(target)) return { settings: undefined, rules: {} };
      let config: Linter.Config | undefined;
      try {
        config = (await eslint.calculateConfigForFile(target)) as Linter.Config | undefined;
      } catch (error) {
        throw describeLoadError(`${configFile} (for ${path.relative(base, target)})`, error);
      }
      const rules = Object.fromEntries(
        Object.entries(config?.rules ?? {}).filter(([id]) => id.startsWith(`${NAMESPACE}/`)),
      ) as Record<string, Linter.RuleEntry>;
      return { settings: config?.settings?.[NAMESPACE], rules };
    },
  };
}
