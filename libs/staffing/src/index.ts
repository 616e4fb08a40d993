export * from './requirement-rules';
export * from './staff-directory.service';
export * from './staff-filter';
export * from './staff.entities';
export * from './staffing-enums';
export * from './staffing.errors';
export * from './staffing.module';
