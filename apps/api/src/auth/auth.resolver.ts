import { Args, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  Actor,
  AuthService,
  clientAddressOf,
  CurrentActor,
  Public,
  Role,
  Roles,
  UsersService,
} from '@app/auth';
import { AuthError, AuthErrorCode, authMessages } from '@app/auth';
import { CreateUserInput } from './create-user.input';
import { UpdateMeInput } from './update-me.input';
import { AuthPayloadType, UserType } from './user.type';
import { TextArg } from '../common/text';
import { Ctx, GraphQLContext } from '../graphql/graphql-context';
import { Loaders } from '../graphql/loaders.factory';
import { SubdistrictType } from '../venues/subdistrict.type';

@Resolver(() => UserType)
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Public()
  @Mutation(() => AuthPayloadType, {
    description: 'Signs in; send the token as `Authorization: Bearer <accessToken>`',
  })
  async login(
    @TextArg('email', 254) email: string,
    @TextArg('password', 128) password: string,
    @Ctx() { req }: GraphQLContext,
  ): Promise<AuthPayloadType> {
    const { accessToken, user } = await this.auth.login(email, password, clientAddressOf(req));
    return { accessToken, user: UserType.from(user) };
  }

  @Query(() => UserType)
  async me(@CurrentActor() actor: Actor): Promise<UserType> {
    const user = await this.users.getActive(actor.userId);
    if (!user) throw new AuthError(AuthErrorCode.UNAUTHENTICATED, authMessages.accountInactive());
    return UserType.from(user);
  }

  @Mutation(() => UserType, {
    description: 'The caller’s own language, time zone, names and phone',
  })
  async updateMe(
    @CurrentActor() actor: Actor,
    @Args('input') input: UpdateMeInput,
  ): Promise<UserType> {
    return UserType.from(await this.users.updateMe(actor, input));
  }

  @Mutation(() => Boolean, {
    description:
      'Changes the caller’s password, given the current one; tokens issued before stop working: sign in again',
  })
  async changePassword(
    @CurrentActor() actor: Actor,
    @TextArg('current', 128) current: string,
    @TextArg('next', 128) next: string,
    @Ctx() { req }: GraphQLContext,
  ): Promise<boolean> {
    await this.auth.changePassword(actor, current, next, clientAddressOf(req));
    return true;
  }

  @Roles(Role.DISTRICT_ADMIN)
  @Mutation(() => UserType, { description: 'District admin only: creates an account' })
  async createUser(
    @CurrentActor() actor: Actor,
    @Args('input') input: CreateUserInput,
  ): Promise<UserType> {
    return UserType.from(await this.users.create(actor, input));
  }

  @ResolveField(() => SubdistrictType, {
    nullable: true,
    description: 'Set for subdistrict managers',
  })
  async subdistrict(
    user: UserType,
    _args: unknown,
    { loaders }: { loaders: Loaders },
  ): Promise<SubdistrictType | null> {
    if (!user.subdistrictId) return null;
    const subdistrict = await loaders.subdistrict.load(user.subdistrictId);
    return subdistrict ? SubdistrictType.from(subdistrict) : null;
  }
}
