import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

export interface ConfigProblem {
  readonly variable: string;
  readonly messages: readonly string[];
}

export class ConfigError extends Error {
  constructor(
    readonly envClass: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(`Invalid environment for ${envClass}:\n${problems.map((p) => `  - ${p.variable}: ${p.messages.join('; ')}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates the environment into an instance of `EnvClass`, once, at boot.
 * Throws a ConfigError naming every bad variable (never its value: some are secrets).
 * Variables the class does not declare are dropped.
 */
export function loadConfig<T extends object>(EnvClass: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const declared = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const config = plainToInstance(EnvClass, declared);
  const errors = validateSync(config, { whitelist: true, forbidUnknownValues: true, stopAtFirstError: true });
  if (errors.length > 0) throw new ConfigError(EnvClass.name, errors.map(toProblem));
  return config;
}

function toProblem(error: ValidationError): ConfigProblem {
  return { variable: error.property, messages: Object.values(error.constraints ?? { invalid: `${error.property} is invalid` }) };
}
