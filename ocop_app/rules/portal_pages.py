"""Pure rules of the producer portal's pages (no frappe): what a producer may upload, what a
workflow state means to a producer in plain words, when the dossier may still change, and which
fund a claim filed from the portal starts on."""

from dataclasses import dataclass

MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # 5 MB: a scanned page or a phone photo
MAX_FILENAME_LENGTH = 120

# what the content is, by its first bytes (never by the name the browser sent)
_SIGNATURES = (
	("pdf", lambda c: c.startswith(b"%PDF-")),
	("png", lambda c: c.startswith(b"\x89PNG\r\n\x1a\n")),
	("jpg", lambda c: c.startswith(b"\xff\xd8\xff")),
	("webp", lambda c: len(c) >= 12 and c[:4] == b"RIFF" and c[8:12] == b"WEBP"),
)
EXTENSIONS = {"pdf": ("pdf",), "png": ("png",), "jpg": ("jpg", "jpeg"), "webp": ("webp",)}


def sniff(content: bytes) -> str | None:
	"""The kind of a PDF or image by its content ("pdf", "png", "jpg", "webp"), else None."""
	for kind, matches in _SIGNATURES:
		if matches(content or b""):
			return kind
	return None


def extension(filename: str) -> str:
	name = (filename or "").strip().lower()
	return name.rsplit(".", 1)[-1] if "." in name else ""


def check_upload(filename: str, content: bytes, max_bytes: int = MAX_UPLOAD_BYTES) -> tuple[str | None, str]:
	"""(kind, "") for an acceptable upload, else (None, reason): "empty", "too_big", "type" (the
	content is no PDF or image) or "extension" (the name says another kind than the content)."""
	if not content:
		return None, "empty"
	if len(content) > max_bytes:
		return None, "too_big"
	kind = sniff(content)
	if kind is None:
		return None, "type"
	if extension(filename) not in EXTENSIONS[kind]:
		return None, "extension"
	return kind, ""


def safe_filename(filename: str, kind: str) -> str:
	"""A file name to store: letters, digits, "-", "_" and "." only, the extension of the content."""
	stem = (filename or "").strip().rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
	stem = stem.rsplit(".", 1)[0] if "." in stem else stem
	cleaned = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in stem).strip("-.")
	cleaned = cleaned[: MAX_FILENAME_LENGTH - 6] or "tep"
	return f"{cleaned}.{EXTENSIONS[kind][0]}"


# ---------------------------------------------------------------------- states in plain words
@dataclass(frozen=True)
class Step:
	words: str  # what is happening, for a producer
	next_step: str  # what happens next, and who does it


PRODUCT_STEPS = {
	"Nháp": Step(
		"Đang chuẩn bị hồ sơ",
		"Tải lên hồ sơ và minh chứng; cán bộ xã sẽ gửi hồ sơ đi kiểm tra.",
	),
	"Chờ xã kiểm tra hồ sơ": Step(
		"Cán bộ xã đang kiểm tra hồ sơ",
		"Cán bộ xã tiếp nhận hồ sơ, hoặc trả lại để bổ sung.",
	),
	"Đã tiếp nhận": Step(
		"Hồ sơ đã được tiếp nhận",
		"Hội đồng đánh giá, phân hạng sản phẩm theo kế hoạch của tỉnh.",
	),
	"Trả lại bổ sung": Step(
		"Hồ sơ bị trả lại để bổ sung",
		"Xem lý do, bổ sung hồ sơ; cán bộ xã sẽ gửi lại hồ sơ.",
	),
}
EVALUATION_STEPS = {
	"Tiếp nhận hồ sơ": Step("Đã nhận hồ sơ đánh giá", "Chuyển hội đồng chấm điểm."),
	"Hội đồng chấm": Step("Hội đồng đang chấm điểm", "Hội đồng kết luận kết quả."),
	"Trả lại": Step("Hồ sơ đánh giá bị trả lại", "Xem lý do, bổ sung hồ sơ; cán bộ sẽ gửi lại."),
	"Đề nghị cấp trên": Step("Đã đề nghị cấp trên đánh giá", "Hội đồng cấp trên đánh giá sản phẩm."),
	"Trình UBND công nhận": Step(
		"Đã trình Ủy ban nhân dân công nhận", "Chờ quyết định công nhận và giấy chứng nhận."
	),
	"Không đạt": Step("Sản phẩm chưa đạt", "Có thể hoàn thiện sản phẩm và đăng ký đánh giá lại."),
}
CLAIM_STEPS = {
	"Nháp": Step("Đã gửi đề nghị", "Cán bộ xã xác nhận đề nghị."),
	"Xã xác nhận": Step("Xã đã xác nhận", "Văn phòng điều phối OCOP của tỉnh thẩm định."),
	"Văn phòng điều phối thẩm định": Step("Đang thẩm định", "Lãnh đạo Ủy ban nhân dân phê duyệt."),
	"Lãnh đạo phê duyệt": Step("Đã được duyệt", "Kế toán chuyển khoản vào tài khoản của cơ sở."),
	"Đã chi": Step("Đã chi trả", ""),
	"Từ chối": Step("Đề nghị bị từ chối", "Xem lý do; có thể gửi đề nghị khác."),
	"Đã hủy": Step("Đề nghị đã bị hủy", ""),
}


def plain_step(steps: dict[str, Step], state: str | None) -> Step:
	"""The plain words of a workflow state (a state an administrator added: its own name)."""
	return steps.get(state or "", Step(state or "", ""))


def step_fields(steps: dict[str, Step], state: str | None) -> dict[str, str]:
	"""A listed record's `state_words` and `next_step`, as the portal pages show them."""
	step = plain_step(steps, state)
	return {"state_words": step.words, "next_step": step.next_step}


# the product's dossier and evidence may change before the commune takes it in, after a return,
# and once taken in while no council is scoring it (a re-evaluation or an upgrade)
DOSSIER_OPEN_STATES = frozenset({"Nháp", "Trả lại bổ sung", "Đã tiếp nhận"})


def dossier_open(product_state: str | None, scoring_in_progress: bool) -> bool:
	return (product_state or "Nháp") in DOSSIER_OPEN_STATES and not scoring_in_progress


# ---------------------------------------------------------------------- the fund of a portal claim
@dataclass(frozen=True)
class FundChoice:
	name: str
	remaining: float
	is_province: bool  # the province's own fund (else a fund of a unit below it)


def choose_fund(funds: list[FundChoice]) -> str | None:
	"""The fund a producer's claim starts on (the officials may change it before approval): the
	province's own fund with the most money left, else any fund with money left."""
	usable = [f for f in funds if f.remaining > 0]
	if not usable:
		return None
	return max(usable, key=lambda f: (f.is_province, f.remaining, f.name)).name
