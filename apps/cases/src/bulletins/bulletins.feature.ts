import type { ServiceFeature } from '@app/kit';
import {
  BulletinAggregate,
  CompileBulletinHandler,
  GetBulletinHandler,
  GetBulletinSignatureHashHandler,
  PublishBulletinHandler,
  ReviewBulletinHandler,
  SignBulletinHandler,
} from './bulletin.command-handlers';
import { bulletinDecider } from './bulletin.decider';
import { BULLETINS_PROJECTION, TypicalCaseBulletins1765000000320 } from './bulletin.read-model';
import { BulletinsController } from './bulletins.controller';

/** Bi-monthly typical-case bulletins (seed §15), from the decisions marked typical. Needs the accountability feature's read models. */
export const BULLETINS_FEATURE: ServiceFeature = {
  controllers: [BulletinsController],
  providers: [
    BulletinAggregate,
    CompileBulletinHandler,
    ReviewBulletinHandler,
    SignBulletinHandler,
    PublishBulletinHandler,
    GetBulletinHandler,
    GetBulletinSignatureHashHandler,
  ],
  projections: [BULLETINS_PROJECTION],
  migrations: [TypicalCaseBulletins1765000000320],
  streamFolders: { 'typical-case-bulletin-': bulletinDecider },
};
