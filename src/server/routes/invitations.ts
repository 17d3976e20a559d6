/**
 * Accepting an invitation: public (the invited admin has no password yet); the secret in the
 * link is the only credential. Answers like a login, so the screen lands logged in.
 */
import { LoginResponse } from '../../shared/schemas/auth';
import { InvitationAccept } from '../../shared/schemas/office';
import { defineArea, defineRoute } from '../http/registry';
import { acceptInvitation } from '../office/invitations';

export const invitationsArea = defineArea('/invitations', 'Tài khoản', [
  defineRoute(
    { method: 'post', path: '/accept', access: 'public',
      summary: 'Nhận lời mời: người quản trị mới tự đặt mật khẩu và được đăng nhập (đường dẫn dùng một lần, có hạn)',
      request: { body: InvitationAccept }, responses: { 200: LoginResponse } },
    ({ deps, body }) => acceptInvitation(deps, body.token, body.password),
  ),
]);
