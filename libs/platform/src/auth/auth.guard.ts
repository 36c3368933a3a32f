import type { IncomingMessage } from 'node:http';
import {
  applyDecorators,
  createParamDecorator,
  Inject,
  Injectable,
  SetMetadata,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiSecurity } from '@nestjs/swagger';
import { HttpProblem, PLATFORM_CODES } from '../http/problem';
import { InvalidTokenError, verifyToken, type JwtSettings } from './jwt';
import type { Principal, Role } from './principal';

export const IS_PUBLIC = 'platform:public';
export const REQUIRED_ROLES = 'platform:roles';

/** Holds the JwtSettings the guard verifies with; provided by PlatformModule. */
export const JWT_SETTINGS = Symbol('JWT_SETTINGS');

type AuthenticatedRequest = IncomingMessage & { principal?: Principal };

/** No token needed (health, metrics). Shown in OpenAPI as anonymous. */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiSecurity({}));

/** The caller needs at least one of these roles; on a method it replaces the class's list. */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

/** The verified caller of a non-public route. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw unauthenticated('A bearer token is required.');
  return principal;
});

/** Global guard: a valid bearer token on every route not marked @Public(), and a fitting role where @Roles() asks. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(JWT_SETTINGS) private readonly settings: JwtSettings,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = this.authenticate(request.headers.authorization);
    request.principal = principal;

    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets) ?? [];
    if (required.length > 0 && !required.some((role) => principal.roles.includes(role))) {
      throw new HttpProblem({
        status: 403,
        code: PLATFORM_CODES.forbidden,
        detail: `This needs one of the roles: ${required.join(', ')}.`,
      });
    }
    return true;
  }

  private authenticate(authorization: string | undefined): Principal {
    const match = /^Bearer ([A-Za-z0-9_.~+/=-]+)$/i.exec(authorization?.trim() ?? '');
    if (!match?.[1]) throw unauthenticated('A bearer token is required.');
    try {
      return verifyToken(match[1], this.settings);
    } catch (error) {
      if (error instanceof InvalidTokenError)
        throw unauthenticated(error.message, error.reason === 'expired' ? 'The token has expired' : 'The token is not valid');
      throw error;
    }
  }
}

function unauthenticated(detail: string, tokenProblem?: string): HttpProblem {
  const challenge = tokenProblem ? `Bearer error="invalid_token", error_description="${tokenProblem}"` : 'Bearer';
  return new HttpProblem({ status: 401, code: PLATFORM_CODES.unauthenticated, detail, headers: { 'WWW-Authenticate': challenge } });
}
