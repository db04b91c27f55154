"""Operator-facing text of the data-key layer (startup errors, the rotation command)."""

KEYS_MALFORMED = ("BEIAN_DATA_KEYS 格式错误：{detail}。格式为 “k2:<32字节密钥的base64>,k1:<...>”，第一个为当前密钥；"
                  "生成一个：python -c \"import base64,os;print('k1:'+base64.b64encode(os.urandom(32)).decode())\"")
KEY_FILE_MALFORMED = "演示数据密钥文件 {path} 格式错误：{detail}。删除它会生成新密钥，但已加密的数据将无法解密。"
DETAIL_EMPTY = "没有密钥"
DETAIL_NO_COLON = "“{item}” 缺少 “密钥编号:” 前缀"
DETAIL_BAD_ID = "密钥编号 “{kid}” 只能由 1–16 个字母、数字、- 或 _ 组成"
DETAIL_DUPLICATE = "密钥编号 “{kid}” 重复"
DETAIL_BAD_BASE64 = "密钥 {kid} 不是有效的 base64"
DETAIL_BAD_LENGTH = "密钥 {kid} 解码后为 {length} 字节，应为 32 字节"

KEY_UNKNOWN = ("数据由密钥 {kid} 加密，但 BEIAN_DATA_KEYS 中没有这个密钥：请把它加回配置"
               "（轮换时新密钥放第一位、旧密钥保留，运行 rotate_data_keys 之后才能删除旧密钥）。")
KEY_WRONG = "密钥 {kid} 无法解密这条数据：BEIAN_DATA_KEYS 中的 {kid} 不是加密时使用的密钥（或数据已损坏）。"
CIPHERTEXT_MALFORMED = "加密数据格式错误（已损坏或被截断），无法解密。"
FINGERPRINT_MISMATCH = ("BEIAN_DATA_KEYS 中的密钥 {kid} 与此数据库记录的密钥 {kid} 不同（指纹 {expected} ≠ {actual}）："
                        "用它无法解密已有数据。请配置原来的密钥 {kid}。")
KEY_MISSING = ("此数据库的数据仍可能由密钥 {kids} 加密，但 BEIAN_DATA_KEYS 中没有它：请把它加回配置，"
               "运行 python -m beian manage rotate_data_keys 把所有数据转到当前密钥后再删除。")

ROTATE_HELP = ("把所有加密的字段、盲索引和资料文件转到当前数据密钥（BEIAN_DATA_KEYS 的第一个）。"
               "可重复运行、可中断后继续；--dry-run 只统计不写入。")
ROTATE_DRY_RUN = "演练（--dry-run）：不写入任何数据。"
ROTATE_LINE = "{what}：{count} 项{verb}"
ROTATE_VERB_DONE = "已转到当前密钥"
ROTATE_VERB_DRY = "需要转换"
ROTATE_DONE = "完成：所有数据都使用当前密钥 {kid}；密钥 {retired} 已不再使用，可以从 BEIAN_DATA_KEYS 中删除。"
ROTATE_DONE_NOTHING_OLD = "完成：所有数据都使用当前密钥 {kid}。"
ROTATE_LEFT = "仍有 {count} 项未转换（见上），再次运行以继续。"
