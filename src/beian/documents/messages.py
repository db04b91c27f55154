"""Chinese texts of material uploads (one catalogue)."""

NO_FILE = "请选择要上传的图片。"
TOO_LARGE = "图片大小为 {size}，每张图片须小于4MB。"
NOT_AN_IMAGE = "文件不是有效的图片（已按文件内容识别，而非文件名）。请上传 jpg、jpeg、png 或 gif 格式的图片。"
CORRUPT = "图片已损坏或无法读取，请重新拍摄后上传。"
TOO_SMALL = "图片分辨率过低（{width}×{height}），请上传不小于 {min_w}×{min_h} 的清晰照片。"
UNKNOWN_SLOT = "无法识别要上传的资料项，请刷新页面后重试。"
