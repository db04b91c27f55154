"""Chinese texts of identity verification: phone page, liveness, face match, registries (one catalogue)."""

CLI_CANNOT_OPEN = "无法读取文件 {file}：{reason}"
CLI_NOT_AN_IMAGE = "{file} 不是可识别的图片（支持 jpg、png、gif 等）"
CLI_NO_FACE = "未在图片中检测到人脸：{files}。请使用正脸、光线充足、无遮挡的照片。"
