import { defineArea } from '../http/registry';

export const reportsArea = defineArea('/reports', 'Báo cáo', []);
