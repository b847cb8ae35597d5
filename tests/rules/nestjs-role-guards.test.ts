import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { invalidAt } from './express-cases.js';
import { docClient } from './framework-headers.js';

/**
 * NestJS route guards (SPEC §4, privileged access): a guard class in `@UseGuards(…)` on a route
 * method or its controller whose `canActivate` stops the request unless the caller holds an
 * administrative role, written in the guard (`user.groups.includes('ADMIN')`) or named by the
 * route's metadata decorator (`@Roles(UserRole.ADMIN)` read with a `Reflector`), makes the route
 * admin-only, as an inline role test in the handler does. A route whose metadata names an ordinary
 * role, a route with no metadata, or a guard that only authenticates, stays reported.
 */
const ruleTester = createRuleTesterWithTypes();
const audit = [{ evidence: 'none' }] as const;
const quiet = (text: string) => text.replaceAll(' // ✗', '');

const header = `import { CanActivate, Controller, Delete, ExecutionContext, ForbiddenException, Injectable, Param, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import jwt from 'jsonwebtoken';
${docClient}export enum UserRole { ADMIN = 'ADMIN', USER = 'USER' }
export const ROLES_KEY = 'roles';
export const Roles = (...roles: UserRole[]) => SetMetadata(ROLES_KEY, roles);
@Injectable()
export class AuthGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest();
    const payload = jwt.verify(String(request.headers.authorization), 'secret') as { sub: string; groups?: string[] };
    request.user = { ...payload, groups: payload.groups ?? ['USER'] };
    return true;
  }
}
`;

/** The guard of the NestJS documentation: the roles the route's metadata names, read with a `Reflector`. */
const rolesGuard = (decide: string) => `@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private reflector: Reflector) {}
  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<UserRole[]>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (!required) return true;
    const { user } = context.switchToHttp().getRequest();
    ${decide}
  }
}
`;
const throwsUnless = `if (!required.some((role) => user.groups.includes(role))) throw new ForbiddenException();
    return true;`;
const returnsTest = `return required.some((role) => user.groups.includes(role));`;

/** A guard that tests one role itself. */
const adminGuard = (test: string) => `@Injectable()
export class AdminGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const { user } = context.switchToHttp().getRequest();
    if (!${test}) throw new ForbiddenException();
    return true;
  }
}
`;

const route = (decorators: string, classDecorators = '') => `@Controller('members')
${classDecorators}export class MembersController {
  @Delete(':id')
  ${decorators}
  async remove(@Param('id') id: string) {
    await ddb.send(new DeleteCommand({ TableName: 'Members', Key: { memberId: id } })); // ✗
  }
}`;

ruleTester.run('no-unscoped-key (NestJS role guards)', noUnscopedKey, {
  valid: [
    // The route's metadata names only an administrative role; the guard throws unless the caller holds one.
    {
      code: quiet(
        header + rolesGuard(throwsUnless) + route('@UseGuards(AuthGuard, RolesGuard) @Roles(UserRole.ADMIN)'),
      ),
      options: audit,
    },
    // The guard returns the test (NestJS denies on `false`); metadata and guards on the controller.
    {
      code: quiet(
        header + rolesGuard(returnsTest) + route('', '@UseGuards(AuthGuard, RolesGuard)\n@Roles(UserRole.ADMIN)\n'),
      ),
      options: audit,
    },
    // A guard that tests the role itself, on the method or on the controller.
    {
      code: quiet(header + adminGuard(`user.groups.includes('ADMIN')`) + route('@UseGuards(AuthGuard, AdminGuard)')),
      options: audit,
    },
    {
      code: quiet(header + adminGuard(`user.isAdmin`) + route('', '@UseGuards(AuthGuard, AdminGuard)\n')),
      options: audit,
    },
    // … or returns it.
    {
      code: quiet(
        header +
          adminGuard(`user.isAdmin`).replace(
            'if (!user.isAdmin) throw new ForbiddenException();\n    return true;',
            `return user.role === 'admin';`,
          ) +
          route('@UseGuards(AuthGuard, AdminGuard)'),
      ),
      options: audit,
    },
  ],
  invalid: [
    // The metadata names an ordinary role.
    {
      ...invalidAt(
        header + rolesGuard(throwsUnless) + route('@UseGuards(AuthGuard, RolesGuard) @Roles(UserRole.USER)'),
        'unscopedKey',
      ),
      options: audit,
    },
    // Some role named is not administrative.
    {
      ...invalidAt(
        header +
          rolesGuard(throwsUnless) +
          route('@UseGuards(AuthGuard, RolesGuard) @Roles(UserRole.ADMIN, UserRole.USER)'),
        'unscopedKey',
      ),
      options: audit,
    },
    // No metadata: the roles guard lets every caller through.
    {
      ...invalidAt(header + rolesGuard(throwsUnless) + route('@UseGuards(AuthGuard, RolesGuard)'), 'unscopedKey'),
      options: audit,
    },
    // The guard only logs a missing role.
    {
      ...invalidAt(
        header +
          rolesGuard(`if (!required.some((role) => user.groups.includes(role))) console.warn('no role');
    return true;`) +
          route('@UseGuards(AuthGuard, RolesGuard) @Roles(UserRole.ADMIN)'),
        'unscopedKey',
      ),
      options: audit,
    },
    // The guard admits routes marked public first: this one is.
    {
      ...invalidAt(
        header +
          rolesGuard(`const open = this.reflector.getAllAndOverride<boolean>('isPublic', [context.getHandler(), context.getClass()]);
    if (open) return true;
    ${throwsUnless}`).replace('if (!required) return true;\n', '') +
          route(`@UseGuards(AuthGuard, RolesGuard) @Roles(UserRole.ADMIN) @SetMetadata('isPublic', true)`),
        'unscopedKey',
      ),
      options: audit,
    },
    // A guard that only authenticates.
    { ...invalidAt(header + route('@UseGuards(AuthGuard)'), 'unscopedKey'), options: audit },
    // A guard testing an ordinary role.
    {
      ...invalidAt(
        header + adminGuard(`user.groups.includes('USER')`) + route('@UseGuards(AuthGuard, AdminGuard)'),
        'unscopedKey',
      ),
      options: audit,
    },
  ],
});
