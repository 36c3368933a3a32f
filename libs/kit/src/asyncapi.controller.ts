import { Controller, Get, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { JsonSchema } from '@app/contracts';
import { Public } from '@app/platform';

export const ASYNCAPI_DOCUMENT = Symbol('ASYNCAPI_DOCUMENT');

/** The AsyncAPI document of what the service publishes on Kafka, beside its OpenAPI document. */
@ApiExcludeController()
@Public()
@Controller()
export class AsyncApiController {
  constructor(@Inject(ASYNCAPI_DOCUMENT) private readonly document: JsonSchema) {}

  @Get('asyncapi.json')
  get(): JsonSchema {
    return this.document;
  }
}
