/** Placeholder so the registry compiles; the office-API engineer replaces this module. */
import { defineArea } from '../http/registry';

export default defineArea('/setup', 'setup', []);
