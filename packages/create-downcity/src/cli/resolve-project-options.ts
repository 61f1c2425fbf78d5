import path from 'node:path';
import { CHANNELS, CHOICE_DESCRIPTIONS, DEFAULT_CHOICES, FEATURES, MODEL_PROVIDERS, type ChannelChoice, type FeatureChoice } from '../choices/choices.js';
import { packageNameProblem, unscopedName } from '../choices/package-name.js';
import { parseChoice, parseChoiceList } from '../choices/parse-choice-list.js';
import { CreateDowncityError } from '../errors/create-downcity-error.js';
import { CreateErrorCodes } from '../errors/error-codes.js';
import type { ProjectOptions } from '../project/project-options.js';
import type { CliIo } from './cli-io.js';
import type { RawArguments } from './parse-arguments.js';
import type { Prompter } from './prompter.js';
import { refuseFlags, resolveCommon } from './resolve-common.js';

const EXAMPLE = 'npm create downcity@latest my-agent -- --yes --model openai --channels terminal,http --with task,memory';
const choices = <Value extends ChannelChoice | FeatureChoice | (typeof MODEL_PROVIDERS)[number]>(values: readonly Value[]) =>
  values.map((value) => ({ value, hint: CHOICE_DESCRIPTIONS[value] }));

function checkName(name: string, from: string): string {
  const problem = packageNameProblem(name);
  if (problem) throw new CreateDowncityError(CreateErrorCodes.USAGE, `The name "${name}" (${from}) is not a valid npm package name: it ${problem}. Pass --name.`);
  return name;
}

/**
 * Turns flags (and, on a terminal without `--yes`, answers) into project options.
 *
 * @param raw - the parsed flags
 * @param io - the process facts
 * @param prompter - asks the questions; only used when interactive
 */
export async function resolveProjectOptions(raw: RawArguments, io: CliIo, prompter: () => Prompter): Promise<ProjectOptions> {
  refuseFlags(raw, [['attach', '--attach']], 'an agent project (it is a --plugin flag)');
  const common = resolveCommon(raw, io, EXAMPLE);
  const fromFolder = raw.directory === undefined ? undefined : path.basename(path.resolve(io.cwd, raw.directory));
  const model = raw.model === undefined ? undefined : parseChoice(raw.model, MODEL_PROVIDERS, '--model');
  const channels = raw.channels === undefined ? undefined : parseChoiceList(raw.channels, CHANNELS, '--channels');
  const features = raw.with === undefined ? undefined : parseChoiceList(raw.with, FEATURES, '--with');
  if (raw.name !== undefined) checkName(raw.name, '--name');

  let name = raw.name ?? fromFolder ?? DEFAULT_CHOICES.name;
  let answers = { model: model ?? DEFAULT_CHOICES.model, channels: channels ?? [...DEFAULT_CHOICES.channels], features: features ?? [...DEFAULT_CHOICES.features] };
  if (common.interactive) {
    const ask = prompter();
    try {
      if (raw.name === undefined) name = await ask.text('Project name', name, (answer) => (packageNameProblem(answer) ? `A package name ${packageNameProblem(answer)}.` : undefined));
      answers = {
        model: model ?? (await ask.select('Model provider', choices(MODEL_PROVIDERS), DEFAULT_CHOICES.model)),
        channels: channels ?? (await ask.multiselect('Channels', choices(CHANNELS), DEFAULT_CHOICES.channels)),
        features:
          features ??
          (await ask.multiselect(
            'Services and plugins (chat is always on)',
            choices(FEATURES.filter((feature) => feature !== 'chat')),
            DEFAULT_CHOICES.features.filter((feature) => feature !== 'chat'),
          )),
      };
    } finally {
      ask.close();
    }
  }
  checkName(name, raw.directory === undefined ? 'the default' : `from the folder "${raw.directory}"`);
  if (answers.channels.length === 0) throw new CreateDowncityError(CreateErrorCodes.USAGE, `Choose at least one channel: ${CHANNELS.join(', ')}.`);
  return {
    name,
    directory: path.resolve(io.cwd, raw.directory ?? unscopedName(name)),
    model: answers.model,
    channels: answers.channels,
    features: answers.features.includes('chat') ? answers.features : ['chat', ...answers.features],
    packageManager: common.packageManager,
    install: common.install,
    force: common.force,
    ...(common.localPackages ? { localPackages: common.localPackages } : {}),
  };
}
