export * from './requirement-rules';
export * from './staffing-enums';
