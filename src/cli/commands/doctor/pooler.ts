import type { Config } from '../../../config.js';
import { resolvePrepare } from '../../../db/client.js';
import { detectPooler } from '../../../db/detect-pooler.js';
import { toDatabaseError } from '../../../db/errors.js';
import { describeServer } from '../../../db/client.js';
import { broken, type Check, describeError, fine } from './checks.js';

/** Which prepared-statement setting is in force, and whether a transaction pooler is in front. */
export async function checkPooler(config: Config): Promise<Check> {
  if (!config.databaseUrl) return fine('pooler', 'sans objet (base intégrée)');
  const prepare = resolvePrepare(config.databaseUrl, config.databasePrepare);
  const setting = prepare
    ? 'instructions préparées activées (ZDL_DB_PREPARE=true)'
    : 'instructions préparées désactivées (défaut)';
  try {
    const report = await detectPooler(config.databaseUrl);
    if (!report.transactionPooler) {
      return fine('pooler', `aucun pooler en mode transaction (${report.evidence}) ; ${setting}`);
    }
    return prepare
      ? broken(
          'pooler',
          `pooler en mode transaction (${report.evidence}) mais ${setting} : mettez ZDL_DB_PREPARE=false`,
        )
      : fine('pooler', `pooler en mode transaction (${report.evidence}) ; ${setting}`);
  } catch (error) {
    return broken('pooler', describeError(toDatabaseError(error, describeServer(config.databaseUrl))));
  }
}
