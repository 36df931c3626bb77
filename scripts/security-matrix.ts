/**
 * Writes the generated tables of docs/SECURITY.md: the route matrix (apps/server/test-support/security/access-matrix.ts)
 * between `<!-- matrix:routes -->` markers and the socket events (socket-matrix.doc.ts) between
 * `<!-- matrix:socket -->` markers. Text outside the markers is left as it is; a missing file is created.
 *   npx tsx scripts/security-matrix.ts           rewrite the tables
 *   npx tsx scripts/security-matrix.ts --check   exit 1 when the file is out of date, change nothing
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { REGENERATE_COMMAND, SECURITY_DOC, securityDocBlocks, syncSecurityDoc } from '../apps/server/test-support/security/access-matrix.doc';
import { socketMatrixMarkdown } from '../apps/server/test-support/security/socket-matrix.doc';

const path = fileURLToPath(new URL(`../${SECURITY_DOC}`, import.meta.url));
const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
const next = syncSecurityDoc(current, securityDocBlocks(socketMatrixMarkdown()));

if (next === current) {
  console.log(`${SECURITY_DOC} is up to date`);
} else if (process.argv.includes('--check')) {
  console.error(`${SECURITY_DOC} is out of date: run ${REGENERATE_COMMAND}`);
  process.exitCode = 1;
} else {
  writeFileSync(path, next);
  console.log(`${SECURITY_DOC} ${current === undefined ? 'created' : 'updated'}`);
}
