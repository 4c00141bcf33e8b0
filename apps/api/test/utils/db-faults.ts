import { DataSource } from 'typeorm';

/**
 * Makes the database refuse, once, the first row written to `table` for which `condition` (SQL
 * over NEW) holds: a crash between two steps of a use case, without killing anything. The
 * counter is a sequence because nextval survives the rollback the fault causes. Returns the undo.
 */
export async function failOnce(
  dataSource: DataSource,
  fault: { name: string; table: string; on: 'INSERT' | 'UPDATE'; when: string },
): Promise<() => Promise<void>> {
  const { name, on, table, when } = fault;
  const undo = async () => {
    await dataSource.query(`DROP TRIGGER IF EXISTS ${name} ON ${table}`);
    await dataSource.query(`DROP FUNCTION IF EXISTS ${name}()`);
    await dataSource.query(`DROP SEQUENCE IF EXISTS ${name}_counter`);
  };
  await undo(); // left by an earlier run that stopped halfway
  await dataSource.query(`CREATE SEQUENCE ${name}_counter`);
  await dataSource.query(`
    CREATE FUNCTION ${name}() RETURNS trigger AS $$
    BEGIN
      IF ${when} THEN
        IF nextval('${name}_counter') = 1 THEN
          RAISE EXCEPTION 'injected fault';
        END IF;
      END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql`);
  await dataSource.query(
    `CREATE TRIGGER ${name} BEFORE ${on} ON ${table} FOR EACH ROW EXECUTE FUNCTION ${name}()`,
  );
  return undo;
}
