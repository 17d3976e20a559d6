/**
 * The one error catalogue. Every error the server sends and every reason the client shows
 * comes from here: a stable lowercase dotted code, the HTTP status it travels with, and a
 * plain Vietnamese sentence a village head understands (what happened, what to do).
 * English lives in the client's message catalogue, keyed by the same codes.
 */
export const ERRORS = {
  // request as a whole
  'request.invalid_json': [400, 'Dữ liệu gửi lên không đọc được. Vui lòng thử lại.'],
  'request.invalid': [400, 'Dữ liệu gửi lên không đúng mẫu.'],
  'request.too_large': [413, 'Dữ liệu gửi lên quá lớn. Hãy gửi ít báo cáo hơn mỗi lần.'],
  'request.too_many_reports': [400, 'Mỗi lần gửi tối đa 500 báo cáo.'],
  'request.too_many_changes': [400, 'Mỗi lần gửi tối đa 500 thay đổi của sổ hộ.'],
  'request.unsupported_encoding': [415, 'Kiểu nén dữ liệu không được hỗ trợ.'],
  'not_found': [404, 'Không tìm thấy.'],
  'server.error': [500, 'Máy chủ gặp lỗi. Dữ liệu của bạn vẫn được giữ lại; vui lòng thử lại sau.'],
  'server.unavailable': [503, 'Máy chủ đang bận. Vui lòng thử lại sau.'],
  // auth and scope
  'auth.required': [401, 'Bạn cần đăng nhập.'],
  'auth.invalid_token': [401, 'Phiên đăng nhập không còn hiệu lực. Vui lòng đăng nhập lại.'],
  'auth.device_revoked': [401, 'Thiết bị đã bị thu hồi. Liên hệ văn phòng xã để được cấp lại.'],
  'auth.bad_credentials': [401, 'Sai tên đăng nhập hoặc mật khẩu.'],
  'auth.rate_limited': [429, 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.'],
  'auth.forbidden': [403, 'Bạn không có quyền làm việc này.'],
  'enroll.invalid_code': [400, 'Mã kích hoạt không đúng, đã dùng hoặc đã hết hạn. Xin văn phòng xã mã mới.'],
  // field values
  'value.required': [400, 'Thiếu thông tin bắt buộc.'],
  'value.invalid': [400, 'Giá trị không hợp lệ.'],
  'value.not_a_number': [400, 'Giá trị phải là một con số.'],
  'value.negative': [400, 'Số liệu không được âm.'],
  'value.numerator_exceeds_denominator': [400, 'Tử số không được lớn hơn mẫu số.'],
  'value.exceeds_out_of': [400, 'Số đạt được không được lớn hơn tổng số (ví dụ: không quá 19/19 tiêu chí).'],
  'value.wrong_shape': [400, 'Kiểu số liệu không khớp với chỉ tiêu.'],
  'value.too_long': [400, 'Nội dung quá dài.'],
  'value.duplicate_target': [400, 'Một chỉ tiêu được nhập hai lần trong cùng báo cáo.'],
  // report rules (walls): the form's own checks, now one code each shared with the server
  'value.zero_denominator': [400, 'Tổng số phải lớn hơn 0.'],
  // village-fixes (issue 10): a number typed the English way, with how to type it
  'value.english_decimal': [400, 'Dùng dấu phẩy cho số thập phân: {value}'],
  'value.english_grouping': [400, 'Dùng dấu chấm để phân nhóm nghìn: {value}'],
  // reports
  'report.conflict': [409, 'Mã báo cáo này đã được dùng cho một báo cáo khác.'],
  'report.unknown_unit': [400, 'Không tìm thấy đơn vị báo cáo.'],
  'report.unknown_plan': [400, 'Không tìm thấy kế hoạch.'],
  'report.unknown_period': [400, 'Không tìm thấy kỳ báo cáo.'],
  'report.unknown_target': [400, 'Không tìm thấy chỉ tiêu.'],
  'report.target_not_assigned': [400, 'Chỉ tiêu này không được giao cho đơn vị của bạn.'],
  'report.unit_forbidden': [403, 'Bạn không được báo cáo cho đơn vị này.'],
  'report.unknown_supersedes': [400, 'Không tìm thấy báo cáo cần sửa.'],
  'review.already_decided': [409, 'Báo cáo này đã được xử lý.'],
  'review.reason_required': [400, 'Cần ghi lý do trả lại.'],
  // office CRUD
  'conflict.exists': [409, 'Đã tồn tại.'],
  'conflict.in_use': [409, 'Đang được sử dụng, không thể xoá.'],
  'setup.already_done': [409, 'Hệ thống đã được thiết lập.'],
  'unit.not_reporting': [400, 'Chỉ giao chỉ tiêu cho thôn, làng hoặc hội, đoàn thể của xã.'],
  'unit.replaced': [409, 'Đơn vị này đã được thay bằng đơn vị khác.'],
  'unit.bad_successor': [400, 'Đơn vị thay thế phải là một đơn vị khác, còn hoạt động, cùng xã.'],
  'user.unit_mismatch': [400, 'Đơn vị không khớp với vai trò: trưởng thôn chọn thôn, làng; người phụ trách hội chọn hội, đoàn thể.'],
  'user.inactive': [409, 'Tài khoản này đã bị khoá. Mở khoá trước khi cấp mã kích hoạt.'],
  'enroll.not_field_user': [400, 'Chỉ cấp mã kích hoạt cho trưởng thôn, trưởng làng và người phụ trách hội, đoàn thể.'],
  'plan.bad_round': [400, 'Ngày bắt đầu đợt thi đua phải trước ngày kết thúc.'],
  'target.unknown_parent': [400, 'Không tìm thấy chỉ tiêu cha trong kế hoạch này.'],
  'target.cycle': [400, 'Một chỉ tiêu không thể nằm trong chính nó.'],
  'target.bad_range': [400, 'Khoảng chỉ tiêu cần có giá trị thấp và cao, giá trị cao không nhỏ hơn giá trị thấp.'],
  'target.unknown_assignee': [400, 'Không tìm thấy hội, đoàn thể có tên này trong xã.'],
  'assignment.duplicate_unit': [400, 'Một đơn vị được giao hai lần cho cùng chỉ tiêu.'],
  // household registers (issue 10)
  'household.change_conflict': [409, 'Mã thay đổi này đã được dùng cho một thay đổi khác.'],
  'household.exists': [409, 'Hộ này đã có trong sổ.'],
  'household.unknown': [400, 'Không tìm thấy hộ này trong sổ của đơn vị.'],
  'household.unknown_unit': [400, 'Không thêm hộ vào đơn vị này được: chỉ thôn, làng hoặc hội, đoàn thể của mình.'],
  'household.unknown_checklist': [400, 'Không tìm thấy bộ tiêu chí này.'],
  'household.unknown_item': [400, 'Tiêu chí này không có trong bộ tiêu chí.'],
  'household.not_active': [409, 'Hộ đã chuyển đi hoặc đã nhập vào hộ khác, không đánh giá được nữa.'],
  'household.bad_merge': [400, 'Chỉ nhập vào một hộ khác, đang ở, cùng đơn vị.'],
  'checklist.exists': [409, 'Bộ tiêu chí này đã có phiên bản đó. Hãy đặt số phiên bản mới.'],
  // integrity (issue 12): sync cursors, account invitations
  'enroll.rate_limited': [429, 'Nhập sai mã kích hoạt quá nhiều lần. Vui lòng thử lại sau 15 phút.'],
  'invitation.invalid': [400, 'Lời mời không đúng, đã dùng hoặc đã hết hạn. Xin người quản lý máy chủ gửi lời mời mới.'],
  'invitation.not_office_user': [400, 'Chỉ mời tài khoản văn phòng hoặc quản trị. Trưởng thôn và người phụ trách hội dùng mã kích hoạt.'],
  'sync.cursor_reset': [409, 'Cần đồng bộ lại từ đầu. Báo cáo chưa gửi vẫn được giữ nguyên trên máy.'],
  // integrity (issue 12, concurrency): a write that lost a race the route did not foresee
  'conflict.concurrent': [409, 'Có người vừa thay đổi cùng dữ liệu này. Vui lòng tải lại rồi thử lại.'],
  // operations (ops-install): readiness, shutdown, moving a commune
  'ready.database_unreachable': [503, 'Máy chủ chưa kết nối được cơ sở dữ liệu. Vui lòng thử lại sau.'],
  'ready.migrations_pending': [503, 'Máy chủ đang nâng cấp cơ sở dữ liệu. Vui lòng thử lại sau ít phút.'],
  'ready.shutting_down': [503, 'Máy chủ đang khởi động lại. Vui lòng thử lại sau ít phút.'],
  // the office, part 1 (issue 8: plan lifecycle, late and locked, review, audit, devices)
  'plan.not_ready': [409, 'Kế hoạch chưa thể đưa vào thực hiện: còn chỉ tiêu chưa giao cho đơn vị nào. Giao cho thôn, hội hoặc đánh dấu "xã tự báo cáo".'],
  'plan.not_active': [400, 'Kế hoạch này chưa được đưa vào thực hiện, chưa nhận báo cáo.'],
  'plan.closed': [400, 'Kế hoạch đã kết thúc; báo cáo lập sau ngày kết thúc không được nhận.'],
  'target.has_reports': [409, 'Chỉ tiêu đã có báo cáo nên không đổi được cách đo, tổng số, chỉ tiêu cha hay "số nguyên". Hãy thêm chỉ tiêu mới và xoá chỉ tiêu cũ.'],
  'value.not_integer': [400, 'Chỉ tiêu này tính bằng số nguyên (hộ, con, người…): không nhập số lẻ.'],
  'value.too_large': [400, 'Số quá lớn (hơn 1.000 tỷ). Kiểm tra lại số đã nhập.'],
  'review.not_current': [409, 'Đơn vị đã gửi báo cáo mới hơn cho kỳ này; hãy duyệt báo cáo mới nhất.'],
  'review.has_warnings': [409, 'Báo cáo có số liệu cần xem lại; hãy mở và duyệt từng báo cáo.'],
  'period.locked': [409, 'Kỳ báo cáo đã khoá.'],
  'unit.has_shares': [409, 'Đơn vị còn được giao chỉ tiêu. Chọn bỏ phần giao hoặc chuyển sang đơn vị khác.'],
  'unit.closed': [409, 'Đơn vị này đã ngừng hoạt động.'],
  'device.not_a_device': [403, 'Chỉ điện thoại đã kích hoạt mới đổi được tên thiết bị.'],
  // linked targets (issue 10): a target that follows a household register or an NTM criteria set
  'link.unknown_checklist': [400, 'Không tìm thấy bộ tiêu chí hộ gia đình có mã này. Chọn một bộ trong danh sách.'],
  'link.unknown_criteria_set': [400, 'Không tìm thấy bộ tiêu chí nông thôn mới có mã này. Chọn một bộ trong danh sách.'],
  'link.unknown_item': [400, 'Tiêu chí này không có trong bộ tiêu chí đã chọn.'],
  'link.register_measure': [400, 'Chỉ tiêu liên kết sổ hộ phải đếm số hộ (đơn vị "hộ") hoặc là tỷ lệ hộ đạt trên tổng số hộ.'],
  'link.criteria_measure': [400, 'Chỉ tiêu liên kết bộ tiêu chí NTM phải có dạng "đạt x/y tiêu chí".'],
  'report.override_needs_note': [400, 'Số báo cáo khác số trong sổ hộ: hãy ghi chú lý do vào ô ghi chú.'],
  // NTM tracker (issue 10)
  'ntm.unknown_set': [400, 'Không có bộ tiêu chí này. Chọn một bộ trong danh sách.'],
  'ntm.group_required': [400, 'Bộ tiêu chí này chia ngưỡng theo nhóm xã: chọn nhóm 1, 2 hoặc 3.'],
  'ntm.group_not_used': [400, 'Bộ tiêu chí này không chia theo nhóm xã: bỏ chọn nhóm.'],
  'ntm.no_tracker': [409, 'Xã chưa chọn bộ tiêu chí nông thôn mới. Vào mục "Nông thôn mới" để chọn bộ tiêu chí.'],
  'ntm.unknown_indicator': [400, 'Bộ tiêu chí đang theo dõi không có chỉ tiêu này.'],
  'ntm.village_required': [400, 'Bộ tiêu chí cấp thôn ghi riêng cho từng thôn: chọn một thôn của xã.'],
  'ntm.village_set_only': [400, 'Xã chỉ thêm được bộ tiêu chí cấp thôn (làng nông thôn mới); bộ tiêu chí cấp xã có sẵn trong ứng dụng.'],
  'ntm.set_exists': [409, 'Đã có bộ tiêu chí cùng mã và phiên bản. Đặt phiên bản mới.'],
  'ntm.duplicate_code': [400, 'Mã tiêu chí hoặc mã chỉ tiêu bị lặp lại trong bộ tiêu chí.'],
} as const satisfies Record<string, readonly [number, string]>;

export type ErrorCode = keyof typeof ERRORS;

/**
 * Warnings: a figure worth a second look, never a refusal, so they travel with no status (an
 * answer that carries them is a success). `{name}` is a number the rule names, filled in vi-VN.
 */
export const WARNINGS = {
  'value.percent_over_100': 'Tỷ lệ lớn hơn 100%. Có đúng không?',
  'value.ten_times_last': 'Gấp hơn 10 lần lần trước ({previous}). Có đúng không?',
  // reviewer's second look (issue 8): stored with the report, shown in the office's queue
  'value.above_share': 'Số báo cáo lớn hơn 3 lần phần chỉ tiêu giao cho đơn vị. Kiểm tra lại.',
  'value.above_target': 'Số báo cáo của một đơn vị lớn hơn cả chỉ tiêu của toàn xã. Kiểm tra lại.',
  // a plan made live whose shares do not add up to the commune's target (issue 8)
  'plan.shares_mismatch': 'Tổng phần giao cho các đơn vị không bằng chỉ tiêu của xã.',
} as const satisfies Record<string, string>;

export type WarningCode = keyof typeof WARNINGS;

/**
 * The one error body shape, on every route. `path` is dotted: `reports.3.values.1.value`.
 * `details` carries what a screen needs to act on the error (e.g. the targets still missing).
 */
export interface ErrorBody {
  code: ErrorCode | (string & {});
  message: string;
  path?: string;
  details?: unknown;
}

export function errorBody(code: ErrorCode, path?: string, message?: string, details?: unknown): ErrorBody {
  const body: ErrorBody = { code, message: message ?? ERRORS[code][1] };
  if (path) body.path = path;
  if (details !== undefined) body.details = details;
  return body;
}

export function errorStatus(code: ErrorCode): number {
  return ERRORS[code][0];
}
