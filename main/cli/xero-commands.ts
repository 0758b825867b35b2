import type { Command } from 'commander';
import { AppError } from '../app-error';
import { ExitCode, type CliContext } from './context';

export function registerXeroCommands(program: Command, ctx: CliContext): void {
  program
    .command('connect')
    .description('connect to Xero: prints the sign-in address and waits for Xero to redirect back')
    .requiredOption('--client-id <id>', 'the Client ID of your Xero app')
    .option('--client-secret-stdin', 'read the Client Secret from standard input (Web apps; PKCE apps have none)')
    .option('--no-browser', 'only print the sign-in address, do not open a browser')
    .option('--organisation <name-or-id>', 'the organisation to use when the Xero user has several')
    .option('--switch-organisation', 'when the records were sent to another organisation, switch to this one and send everything to it (without it, connect asks)')
    .action(async (opts: { clientId: string; clientSecretStdin?: boolean; browser: boolean; organisation?: string; switchOrganisation?: boolean }) => {
      const secret = opts.clientSecretStdin ? (await ctx.readStdin()).trim() : undefined;
      if (opts.clientSecretStdin && !secret) throw new AppError('bad_request', 'No Client Secret arrived on standard input. Pipe it in, e.g. `pass xero | facility-sync connect ...`.');
      const extra = opts.browser ? {} : { openExternal: async (url: string) => ctx.out(`Open this address in a browser to connect to Xero:\n  ${url}`) };
      const { api } = await ctx.services(program, extra);
      await api.saveXeroCredentials({ clientId: opts.clientId, ...(secret ? { clientSecret: secret } : {}) });
      ctx.out('Waiting for Xero (5 minutes at most)...');
      let status = await api.connectXero();
      const named = (o: { tenantId: string; name: string }) => opts.organisation !== undefined && [o.tenantId.toLowerCase(), o.name.toLowerCase()].includes(opts.organisation.toLowerCase());
      // Reconnecting keeps the organisation chosen before; --organisation names the one wanted now.
      const other = status.state === 'connected' && status.organisation && !named(status.organisation) ? status.organisations?.find(named) : undefined;
      if (other) status = await api.chooseXeroOrganisation(other.tenantId);
      if (status.state === 'choose_organisation') {
        const choices = status.organisations ?? [];
        const wanted = opts.organisation?.toLowerCase();
        const pick = wanted ? choices.find((o) => o.tenantId.toLowerCase() === wanted || o.name.toLowerCase() === wanted) : choices[0];
        if (!pick) throw new AppError('bad_request', `No organisation "${opts.organisation}". Choose one of: ${choices.map((o) => o.name).join(', ')}.`);
        status = await api.chooseXeroOrganisation(pick.tenantId);
        if (!wanted && choices.length > 1) ctx.out(`This Xero user has ${choices.length} organisations; using the first. Pick another with --organisation.`);
      }
      ctx.out(status.organisation ? `Connected to ${status.organisation.name}.` : `Connection state: ${status.state}.`);
      const question = status.organisationSwitch;
      if (question) {
        // Standard input already gave the Client Secret: there is no answer to read.
        const answer = opts.switchOrganisation ? 'yes' : opts.clientSecretStdin ? null : await ctx.ask(`${question.message} [yes/no]`);
        if (answer !== null && /^y(es)?$/i.test(answer.trim())) {
          await api.switchXeroOrganisation();
          ctx.out(`Switched: ${question.records.toLocaleString('en-US')} records will be sent to ${question.connectedTo} by the next sync.`);
        } else {
          ctx.out(`Not switched: nothing is sent to ${question.connectedTo}. Run connect again with --switch-organisation to switch, or connect to ${question.syncedTo}.`);
          ctx.exitCode = ExitCode.Failed;
        }
      }
    });

  program
    .command('disconnect')
    .description('disconnect from Xero and remove the saved tokens from the keychain')
    .action(async () => {
      const { api } = await ctx.services(program);
      await api.disconnectXero();
      ctx.out('Disconnected from Xero.');
    });
}
