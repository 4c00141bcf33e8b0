import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import QueryStream from 'pg-query-stream';
import { DataSource } from 'typeorm';

/** Rows a streamed export fetches from its cursor at a time. */
const STREAM_BATCH = 1000;

/** The server-side cursors the CSV exports read from. */
@Injectable()
export class ReportStreams {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Rows of `sql` as an object stream read through a server-side cursor (pg-query-stream, a
   * thousand rows a fetch) on a connection of its own, given back to the pool when the stream
   * ends, fails or is destroyed (a client that goes away mid-download).
   */
  async open(sql: string, values: unknown[]): Promise<Readable> {
    const runner = this.dataSource.createQueryRunner();
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      void runner.release();
    };
    try {
      const client = (await runner.connect()) as {
        query: (stream: QueryStream) => QueryStream;
      };
      const rows = client.query(new QueryStream(sql, values, { batchSize: STREAM_BATCH }));
      rows.once('close', release);
      rows.once('end', release);
      rows.once('error', release);
      return rows;
    } catch (error) {
      release();
      throw error;
    }
  }
}
