import { createChannel, sendTestMessage, WebhookError } from '../alerts/index.js';
import { type CliIo, EXIT } from './io.js';
import { loadRulesForCli } from './load.js';

/** `alert test`: one short message to a channel of bridge.yml, and the channel's own error. */
export const runAlertTest = async (
  options: { readonly config: string; readonly channel: string | undefined },
  io: CliIo,
): Promise<number> => {
  if (options.channel === undefined) {
    io.stderr('alert test needs --channel NAME\n');
    return EXIT.usage;
  }
  const loaded = loadRulesForCli(options.config, io);
  if (typeof loaded === 'number') return loaded;
  const settings = loaded.config.channels[options.channel];
  if (settings === undefined) {
    const known = Object.keys(loaded.config.channels).join(', ') || 'none';
    io.stderr(`no channel '${options.channel}' in ${options.config} (defined: ${known})\n`);
    return EXIT.usage;
  }
  const channel = createChannel(options.channel, settings);
  try {
    const result = await sendTestMessage(channel);
    if (result.status === 'deferred') {
      io.stderr(
        `${options.channel}: rate limited, try again in ${Math.ceil(result.retryAfterMs / 1000)} s\n`,
      );
      return EXIT.failed;
    }
    io.stdout(`sent a test message to ${options.channel} (${settings.type})\n`);
    return EXIT.ok;
  } catch (e) {
    const reason =
      e instanceof WebhookError
        ? `${e.channelCode}: ${e.message}`
        : 'the message could not be sent';
    io.stderr(`${options.channel}: ${reason}\n`);
    return EXIT.failed;
  }
};
