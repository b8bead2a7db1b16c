/** `npm run seed`: validates the seed files and loads what differs, in one transaction. */
import { connect } from '../store/driver';
import { describeLoad, prepareDatabase } from './seed-db';
import { resolveNeo4j } from './neo4j-target';
import { reportError } from './report-error';

try {
  const target = await resolveNeo4j('dev');
  const db = connect(target.config);
  try {
    const result = await prepareDatabase(db, { seed: 'always' });
    if (result) console.log(describeLoad(result));
  } finally {
    await db.close();
  }
} catch (error) {
  reportError(error);
  process.exitCode = 1;
}
