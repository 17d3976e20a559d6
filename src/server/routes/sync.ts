import { defineArea } from '../http/registry';

export const syncArea = defineArea('/sync', 'Đồng bộ', []);
