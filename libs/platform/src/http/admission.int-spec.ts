import { Controller, Get, Module } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Roles, ServiceEnv, createLogger, jwtSettings, loadConfig, mintToken, startService } from '@app/platform';

/** Requests to /slow wait here until the test lets them go. */
let release: () => void = () => undefined;
let gate = Promise.resolve();

@Controller('slow')
class SlowController {
  @Get()
  @Roles('unit_officer')
  async slow(): Promise<{ done: true }> {
    await gate;
    return { done: true };
  }
}

@Module({ controllers: [SlowController] })
class SlowModule {}

class AdmissionTestEnv extends ServiceEnv {
  override PORT = 0;
  override PGDATABASE = 'postgres';
}

const config = loadConfig(AdmissionTestEnv, {
  NODE_ENV: 'test',
  PGUSER: 'postgres',
  JWT_SECRET: 'integration-test-secret-0123456789-abcdef',
  JWT_ISSUER: 'admission-test',
  JWT_AUDIENCE: 'admission-test-services',
  HTTP_MAX_IN_FLIGHT: '2',
});

describe('admission control: a limit of requests in progress', () => {
  let app: NestExpressApplication;
  let url: string;
  const token = mintToken({ sub: 'P-OFFICER', roles: ['unit_officer'], units: ['U-1'] }, jwtSettings(config));
  const slow = () => fetch(`${url}/slow`, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    app = await startService({
      name: 'admission-test',
      module: SlowModule,
      config,
      logger: createLogger('admission-test', 'warn', { write: () => undefined }),
    });
    url = await app.getUrl();
  });
  afterAll(async () => {
    release();
    await app?.close();
  });

  it('answers one request over the limit with 503 SERVICE.OVERLOADED at once, still answers health, and admits again when one ends', async () => {
    gate = new Promise<void>((resolve) => (release = resolve));
    const held = [slow(), slow()];
    // Both held requests are in progress once the server has them: wait until a third is refused.
    let refused: Response | undefined;
    for (const deadline = Date.now() + 5_000; !refused && Date.now() < deadline;) {
      const attempt = await Promise.race([slow(), new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 500))]);
      if (attempt?.status === 503) refused = attempt;
    }
    expect(refused).toBeDefined();
    expect(refused!.headers.get('retry-after')).toBe('1');
    expect(refused!.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await refused!.json()).toMatchObject({ status: 503, code: 'SERVICE.OVERLOADED' });
    expect((await fetch(`${url}/health/live`)).status).toBe(200);

    release();
    expect((await Promise.all(held)).map((response) => response.status)).toEqual([200, 200]);
    gate = Promise.resolve();
    expect((await slow()).status).toBe(200);
  });
});
