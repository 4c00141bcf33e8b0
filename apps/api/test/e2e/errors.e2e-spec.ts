import { createTestApp, expectProblem, loginAs, Session, TestApp } from '../utils/test-app';

describe('problem+json errors', () => {
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAs(t, 'admin');
  });
  afterAll(() => t.close());

  const post = (path: string) =>
    t.http.post(path).set('cookie', admin.cookie).set('x-csrf-token', admin.csrf);

  it('names an unknown field and a wrongly typed field, with the problem+json media type', async () => {
    const response = await post('/api/v1/users')
      .send({
        email: 'ok@example.test',
        name: 42,
        password: 'long enough password',
        role: 'billing',
        shoeSize: 9,
      })
      .expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expectProblem(response.body, 400, 'validation-error');
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'shoeSize', message: 'is not an allowed field' },
        { field: 'name', message: 'must be a string' },
      ]),
    );
    expect(response.body.detail).toContain('shoeSize');
    expect(response.body.requestId).toBe(response.headers['x-request-id']);
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM users WHERE email = 'ok@example.test'`,
    );
    expect(count).toBe(0);
  });

  it('keeps a sane caller-supplied request id, and makes one up otherwise', async () => {
    const response = await t.http
      .get('/api/v1/auth/me')
      .set('x-request-id', 'trace-123')
      .expect(401);
    expect(response.body.requestId).toBe('trace-123');
    const hostile = await t.http.get('/api/v1/auth/me').set('x-request-id', '<script>').expect(401);
    expect(hostile.body.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers malformed JSON with a 400 problem', async () => {
    const response = await post('/api/v1/users')
      .set('content-type', 'application/json')
      .send('{"email":')
      .expect(400);
    expectProblem(response.body, 400, 'validation-error');
    expect(response.body.errors).toHaveLength(1);
  });

  it('rejects out-of-range paging with the field named', async () => {
    const response = await t.http
      .get('/api/v1/users')
      .query({ page: 0, pageSize: 201 })
      .set('cookie', admin.cookie)
      .expect(400);
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'page', message: 'must not be less than 1' },
        { field: 'pageSize', message: 'must not be greater than 200' },
      ]),
    );
    const text = await t.http
      .get('/api/v1/users')
      .query({ page: 'two' })
      .set('cookie', admin.cookie)
      .expect(400);
    expect(text.body.errors).toEqual(
      expect.arrayContaining([{ field: 'page', message: 'must be an integer' }]),
    );
  });

  it('answers an unknown API path with a 404 problem', async () => {
    const response = await t.http
      .get('/api/v1/no-such-thing')
      .set('cookie', admin.cookie)
      .expect(404);
    expectProblem(response.body, 404, 'not-found');
  });

  it('never leaks a stack, SQL or library message in a 500', async () => {
    // Break the schema underneath the app: the users query now fails inside PostgreSQL.
    await t.dataSource.query('ALTER TABLE users RENAME COLUMN name TO full_name');
    try {
      const response = await t.http.get('/api/v1/users').set('cookie', admin.cookie).expect(500);
      expectProblem(response.body, 500, 'internal-error');
      const text = JSON.stringify(response.body);
      expect(text).not.toMatch(/column|SELECT|QueryFailedError|at \w+ \(|node_modules/i);
      expect(Object.keys(response.body).sort()).toEqual([
        'detail',
        'requestId',
        'status',
        'title',
        'type',
      ]);
    } finally {
      await t.dataSource.query('ALTER TABLE users RENAME COLUMN full_name TO name');
    }
  });
});
