export * from './actor';
export * from './auth.decorators';
export * from './auth.errors';
export * from './auth.module';
export * from './auth.service';
export * from './role';
export * from './user.entity';
export * from './users.service';
