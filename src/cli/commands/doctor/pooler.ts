import type { Config } from '../../../config.js';
import { resolvePrepare } from '../../../db/client.js';
import { detectPooler } from '../../../db/detect-pooler.js';
import { toDatabaseError } from '../../../db/errors.js';
import { describeServer } from '../../../db/client.js';
import { type Check, describeError } from './checks.js';

/** Which prepared-statement setting is in force, and whether a transaction pooler is in front. */
export async function checkPooler(config: Config): Promise<Check> {
  if (!config.databaseUrl) return { name: 'pooler', ok: true, detail: 'sans objet (base intégrée)' };
  const prepare = resolvePrepare(config.databaseUrl, config.databasePrepare);
  const setting = prepare
    ? 'instructions préparées activées (ZDL_DB_PREPARE=true)'
    : 'instructions préparées désactivées (défaut)';
  try {
    const report = await detectPooler(config.databaseUrl);
    if (!report.transactionPooler) {
      return { name: 'pooler', ok: true, detail: `aucun pooler en mode transaction (${report.evidence}) ; ${setting}` };
    }
    return {
      name: 'pooler',
      ok: !prepare,
      detail: prepare
        ? `pooler en mode transaction (${report.evidence}) mais ${setting} : mettez ZDL_DB_PREPARE=false`
        : `pooler en mode transaction (${report.evidence}) ; ${setting}`,
    };
  } catch (error) {
    return {
      name: 'pooler',
      ok: false,
      detail: describeError(toDatabaseError(error, describeServer(config.databaseUrl))),
    };
  }
}
