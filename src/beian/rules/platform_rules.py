"""Rules the platform enforces outside the engine, each with the seed sentence it comes from.

Issue 13: docs/rules.md quotes the seed for every rule, not only for the finding codes. The engine's
codes quote theirs in quotes.py; this list covers what the order lifecycle, the face check, the
reviewer console, the ministry adapter and the notifications do. Pure data (no Django imports):
rendered by rules/docs.py, and every quote is checked against its seed by tests/rules/test_quotes.py.

`code` says honestly where beian does it today; what is not built yet reads "planned (issue 13 item N)".
`where` and `quote` follow quotes.py: a seed key S0–S4 and its section, and the seed's own words
("…" joins two passages of one section).
"""

from typing import NamedTuple


class PlatformRule(NamedTuple):
    id: str
    does: str  # what beian does
    code: str  # where in the code
    where: str  # the seed and its section
    quote: str  # the seed's own words


PLATFORM_RULES: list[PlatformRule] = [
    # Change orders (变更)
    PlatformRule(
        "change_keeps_filed_domains",
        "A change order (变更主体/变更网站/变更接入) keeps the filed domains: a website filed with one domain cannot "
        "change it (CHANGE_DOMAIN_EDIT_FORBIDDEN); with several only removals pass (CHANGE_DOMAIN_ONLY_REMOVAL); no "
        "website is added (CHANGE_WEBSITE_ADD_FORBIDDEN; the websites step offers no 继续新增其他网站).",
        "filings/changes.py findings (filings/checks.py run → websites step, submit_order)",
        "S3 §3.1 (域名)",
        "网站只有一个域名：禁止对域名本身进行变更（除不能对域名本身做修改外，其他信息仍可以修改，例如联系方式、电子邮箱等）。",
    ),
    # Releases (取消接入 / 注销)
    PlatformRule(
        "release_sms_targets",
        "取消接入 sends no code; 注销网站 sends one to the website principal, 注销主体 to the subject principal. None of "
        "the three asks for uploads or a face check (the order is the filed record, unedited); each is submitted only "
        "after the applicant ticks the declaration of its consequences (release_not_acknowledged), 取消接入 without "
        "初审 (docs/decisions.md).",
        "filings/release.py (checks.run, submit_order); ministry simulator sms_targets",
        "S3 §9",
        "若注销主体信息，则验证主体负责人手机号码。…若注销网站信息，则验证网站负责人手机号码。",
    ),
    PlatformRule(
        "release_offline_application",
        "A subject this provider no longer serves (空壳 here) or another unit's record is not deregistered through the "
        "platform: 备案管理 sends the applicant to the offline application page, which says where the letter goes and "
        "generates it as a PDF.",
        "filings/release.py offline_reason; wizard/views.py offline_deregistration; documents/letters.py",
        "S3 §9",
        "当有特殊原因需要注销其他单位备案信息或需要注销空壳主体的备案信息时，无法直接在阿里云ICP代备案管理系统中进行注销，"
        "需向备案所在地的通信管理局提交书面申请，进行线下注销。",
    ),
    # Authenticity (真实性核验)
    PlatformRule(
        "authenticity_required",
        "An order cannot be submitted, nor sent to the ministry by a reviewer, until every person who must verify "
        "has passed the face check (live face and ID photo against 公安库, with liveness) or a reviewer approved a "
        "manual review with a reason (stable code verification_required, naming who). The wizard's 上传资料 and "
        "信息确认 pages and the reviewer's order page show each person's status and what is still needed.",
        "verification/selectors.py verification_status; filings/services.py require_verification (submit_order); "
        "review/services.py approve",
        "S3 §5",
        "根据工信部真实性核验标准要求，上传资料需使用最新版阿里云App拍摄真实证件材料和备案资料原件的照片并上传，"
        "且上传部分实人资料时需同步进行人脸识别完成真实性核验。",
    ),
    PlatformRule(
        "website_principal_verifies",
        "Every website principal verifies (a website that reuses the subject principal covers them); the subject "
        "principal otherwise only where the provider's VERIFY_SUBJECT_PRINCIPAL asks (default never: "
        "docs/decisions.md).",
        "verification/selectors.py verification_status (_must); settings.py VERIFY_SUBJECT_PRINCIPAL",
        "S0",
        "阿里云APP核验支持一次性完成备案资料上传和网站负责人真实性核验",
    ),
    PlatformRule(
        "non_mainland_principal",
        "A principal with a non-mainland certificate cannot be checked against 公安库: the website principal "
        "checks the live face against the ID photo (with liveness); a non-mainland subject principal needs no "
        "face check unless the provider's setting asks.",
        "verification/persons.py method; verification/services.py run_face_attempt",
        "S2 (备案须知)",
        "如果备案负责人为非中国大陆居民，备案过程中需网站负责人进行人脸识别验证其真实性。主体负责人无需进行人脸识别。",
    ),
    PlatformRule(
        "special_cases_both_or_legal_rep",
        "The special cases where both principals, or an enterprise's 法定代表人, verify: a provider setting, off by "
        "default — VERIFY_SUBJECT_PRINCIPAL always (both) or legal_representative (an enterprise's subject "
        "principal in the provinces where they must be the 法定代表人); docs/decisions.md says why.",
        "verification/selectors.py subject_policy; settings.py VERIFY_SUBJECT_PRINCIPAL",
        "S4 (備案須知; traditional characters with their pinyin glosses, as in the seed)",
        "備案主體負責人如果不是中國內地居民,在備案過(guò)程中需網(wǎng)站負責人進(jìn)行人臉核驗。如有特殊情況您需根據系統提示進(jìn)行相關(guān)操作,分別由主體負責人和網(wǎng)站負責人完成人臉核驗。…說(shuō)明:企業(yè)備案如果遇到特殊情況,系統提示需法定代表人進(jìn)行人臉識別,您需要按照提示進(jìn)行操作。",
    ),
    PlatformRule(
        "manual_review_fallback",
        "After repeated failed face checks the applicant may ask for a manual review; a reviewer approves or "
        "rejects it with a required reason (audited); an approval stands in for the face check.",
        "verification/services.py request_manual_review (after MANUAL_REVIEW_AFTER failures); verification/services.py "
        "decide_manual_review",
        "S1 #8",
        "如果多次核验仍然失败,您可以根据系统提示操作,转为人工审核。",
    ),
    PlatformRule(
        "evidence_is_review_material",
        "Captured ID and face images are review material: kept for the life of the filing and a configurable "
        "period after 注销 (EVIDENCE_RETENTION_AFTER_DEREGISTRATION_DAYS), purged only for orders that never "
        "reached the ministry (cancelled, expired) after EVIDENCE_RETENTION_UNFILED_DAYS; every read access-logged.",
        "verification/retention.py purge_due_evidence; documents/services.py log_evidence_read",
        "S3 §5 (核验说明)",
        "核验过程中采集的证件信息、人脸核验照等将作为备案审核资料进行存档…阿里云会妥善保存资料以备主管部门核查",
    ),
    # Subject, domain and account
    PlatformRule(
        "domain_real_name",
        "The domain's real-name holder (name, cert type, cert number) must be the subject, verified, at an "
        "MIIT-approved registrar and not about to expire: the domain registry port fills context.domains, so "
        "DOMAIN_HOLDER_MISMATCH, DOMAIN_NOT_VERIFIED, DOMAIN_HOLDER_CERT_MISMATCH, DOMAIN_EXPIRING and "
        "DOMAIN_REGISTRAR_NOT_APPROVED fire in the wizard, the console and the signed-in API "
        "(/api/v1/precheck/account); the reviewer sees the registry's facts "
        "(masked). A domain the registry does not know is unknown (no finding).",
        "registries/domains.py SimulatedDomainRegistry; filings/selectors.py domain_registry_records; "
        "rules/websites.py _check_real_name; review/views.py _domain_real_names; api/precheck.py run_account_precheck",
        "S3 §1.1 (单位名称)",
        "填写的主办单位或主办人名称需要与域名持有者的实名认证信息保持一致（如姓名、证件类型、证件号码等均需一致）。",
    ),
    PlatformRule(
        "subject_under_other_account",
        "A subject (or a domain) already filed at this provider under another account gets the seed's message and "
        "what to do (log in to the account that holds the filing; 新增网站（原备案在本服务商） there; or 认领备案) as the platform "
        "code SUBJECT_FILED_UNDER_OTHER_ACCOUNT, at step 1, on the signed-in precheck page, from create_order and at "
        "submission, instead of a new site being attached to that account's filing; nothing of that filing is shown. "
        "The engine's context stays global (the ministry sees one subject); the account is the platform's question "
        "(docs/decisions.md: which queries of filings are account-scoped).",
        "filings/checks.py other_account_findings; filings/selectors.py filed_under_other_account; "
        "filings/services.py create_order; ministry/services.py record_approval",
        "S3 §1.1 (操作步骤 4; 常见问题)",
        "系统会根据您填写的基础信息和当前登录的阿里云账号，为您校验备案操作的可行性，提示您提交备案订单前需要的准备工作。…"
        "错误提示：该域名对应的主体信息在系统中已经存在",
    ),
    PlatformRule(
        "claim_filing",
        "认领备案 (PC only, from 我的备案 and from SUBJECT_FILED_UNDER_OTHER_ACCOUNT): the applicant names a subject "
        "number or domain with the subject's certificate number; the record is the platform's filing under another "
        "account or the ministry's record with this provider's access (ministry port claim_record). Refused with "
        "CLAIM_NOT_FOUND, CLAIM_NOT_AT_PROVIDER, CLAIM_ALREADY_YOURS, CLAIM_IN_FLIGHT, CLAIM_NO_PRINCIPAL. Control is "
        "proved by the FILED subject principal (code to their mobile, shown masked; face check on the phone page); "
        "after 初审 the ministry confirms and the filing moves to the claiming account, audited; the old account is "
        "notified (filing_claimed).",
        "filings/claiming.py; wizard/claiming.py; ministry/simulator/claims.py; ministry/services.py record_approval",
        "S3 §1.1 (操作步骤 说明)",
        "认领备案和导入备案需要在PC端操作。",
    ),
    PlatformRule(
        "one_order_in_flight",
        "One order in flight per certificate and per domain, across accounts (CERT_ORDER_IN_PROGRESS, "
        "DOMAIN_ORDER_IN_PROGRESS).",
        "filings/models.py InFlightClaim (unique constraint); filings/selectors.py precheck_context",
        "S3 §1.1 (常见问题)",
        "错误提示：该域名存在进行中的订单或此证件存在进行中的订单",
    ),
    PlatformRule(
        "no_new_site_during_subject_change",
        "No 新增网站 while a 变更主体 of the subject is in flight, and in 河北 no 新增网站/接入 beside any 变更: the "
        "platform's one order per certificate refuses it at order creation (河北 with its own rule); the ministry "
        "simulator returns such a filing on receipt, as it does a 首次备案 for a filed subject, a 新增网站 for a subject "
        "not filed or of a filed domain, and a 接入备案 of a domain not filed, a shell site or another mobile.",
        "filings/claims.py NO_NEW_SITE_WITH_CHANGE; ministry/simulator/services.py refusal",
        "reference.md §7 (变更)",
        "While 主体 is being changed no 新增网站 (HW流程); 河北 forbids 新增 + 变更 together (HW管局)",
    ),
    PlatformRule(
        "order_expiry_45_days",
        "An order the applicant holds expires 45 days after their last update; it is kept for audit and leaves "
        "the active list.",
        "filings/services.py EXPIRY; filings/timers.py _expire",
        "S3 §7 (说明)",
        "备案订单的有效期为45天。从备案订单创建当日起，如果订单长期无更新（您长期没有做任何修改更新的操作，备案也未通过管局审核），"
        "超过45天后您的备案订单将会超期被删除",
    ),
    PlatformRule(
        "agreement_on_submit",
        "Submitting needs the applicant's agreement; the order then enters 初审.",
        "filings/services.py submit_order (agreement)",
        "S3 §6",
        "全部信息确认完成后，选中同意相关协议，单击提交备案，您的备案订单将生成并进入初审阶段。",
    ),
    # Notifications
    PlatformRule(
        "notify_principal_email",
        "Mails go to the principal's email from the form as well as to the account.",
        "notifications/recipients.py principal_emails; notifications/services.py notify",
        "S3 §2 (电子邮箱, form hint)",
        "此邮箱将用于接收备案消息通知，请务必真实准确。",
    ),
    PlatformRule(
        "notification_settings",
        "备案消息通知设置 per account: channels per event and extra recipients.",
        "notifications/services.py save_settings; notifications/views.py notification_settings",
        "S3 §7 (管局审核)",
        "审核结果将以短信和邮件等形式通知您，通知接收渠道及接收人的设置请参见备案消息通知设置。",
    ),
    # Review
    PlatformRule(
        "first_review_one_working_day",
        "初审 target: 1 working day after submission (holidays from rules/data/holidays), shown to the reviewer.",
        "filings/selectors.py sla_due",
        "S3 §7 (备案审核进度)",
        "备案初审：提交备案初审订单后，订单将会在1个工作日内进行审核。",
    ),
    PlatformRule(
        "submit_to_ministry_one_working_day",
        "An order that passed 初审 is sent to the ministry at once (a timer retries until it is).",
        "ministry/effects.py queue_submission; ministry/services.py arm_submit",
        "S3 §7 (备案审核进度)",
        "提交管局：订单为待提交管局状态，阿里云审核专员将会在1个工作日内将您的订单提交至管局审核。",
    ),
    PlatformRule(
        "review_call",
        "The reviewer calls the principals and logs each call and its outcome.",
        "review/services.py log_call",
        "S3 §7 (阿里云初审)",
        "您的备案申请提交后，阿里云审核人员会查看您提交的备案信息及资料，确认资料是否符合要求并与您电话联系，确认备案信息的真实性。",
    ),
    PlatformRule(
        "supplements",
        "The reviewer returns the order for supplements (补充或更换资料, 邮寄原件, 重新邮寄, 视频核验预约) with "
        "the rejected fields and a reason.",
        "review/services.py request_supplement",
        "S3 §7 (补充其他资料)",
        "阿里云初审时，审核人员会在与您电话沟通后提示您是否需要提交其他资料，或根据各省市管局的规则要求及您的备案申请场景，"
        "可能需要您完成一些其他的核验操作。",
    ),
    PlatformRule(
        "mail_in_materials",
        "A supplement of kind 邮寄原件 carries the mailing address and the tracking number.",
        "review/services.py request_supplement (kind mail / remail)",
        "S3 §8",
        "在阿里云进行备案初审过程中，根据您提交的资料及各地管局的要求，可能需要您按照系统指示或审核人员的要求邮寄资料至指定地点。",
    ),
    PlatformRule(
        "bureau_review_working_days",
        "The applicant is told 管局审核 takes 1–20 working days; the simulator's bureau decides within working days.",
        "filings/selectors.py (state guide); ministry/simulator/services.py (add_working_days)",
        "S3 §7 (备案审核进度)",
        "各省管局审核时间不同，实际审核时长会根据备案场景有所不同，一般为1~20个工作日",
    ),
    # SMS verification (the ministry simulator)
    PlatformRule(
        "sms_within_24_hours",
        "Each SMS code is valid 24 hours; an order not verified in time goes back to the provider.",
        "ministry/simulator/services.py CODE_VALID, _return; ministry/services.py (sms_deadline)",
        "S3 §9 (短信核验处理要求)",
        "您需在收到核验短信的24小时内，访问工信部备案管理系统进行验证。…"
        "若收到核验短信24小时内没有进行验证或验证失败，备案订单将自动退回至您的阿里云账号",
    ),
    PlatformRule(
        "sms_resend_twice",
        "A code may be resent twice; the third request sends nothing.",
        "ministry/simulator/services.py resend; ministry/simulator/messages.py SMS_RESEND_LIMIT",
        "S3 §9 (短信重发操作步骤)",
        "短信仅可重发2次，第3次单击重发后系统将不再重发短信验证码。",
    ),
    PlatformRule(
        "sms_no_pending",
        "A resend for a mobile with nothing waiting answers in the FAQ's words.",
        "ministry/simulator/messages.py SMS_NO_PENDING_RESEND",
        "S3 §9 (常见问题)",
        "短信核验提示“暂无待短信核验的备案申请，无需重发短信。”怎么办？",
    ),
    PlatformRule(
        "sms_no_record",
        "A mobile and last 6 digits that match no record answer in the FAQ's words.",
        "ministry/simulator/messages.py SMS_NO_RECORD",
        "S3 §9 (常见问题)",
        "重发短信提示“该条验证库里找不到记录。”怎么办？",
    ),
    # After approval (备案后处理)
    PlatformRule(
        "footer_number",
        "On approval the applicant gets the footer HTML: the number linked to beian.miit.gov.cn; a checker reads "
        "the live page.",
        "compliance/footer.py footer_html and its checker; ministry/services.py (stored on approval)",
        "S3 §11 (网站添加备案号)",
        "ICP备案成功后，在网站开通时您需编辑网页源代码，将工信部下发的主体备案号或网站备案号放置在网页底部，"
        "并要求主体或网站备案号能够链接至工信部网站：beian.miit.gov.cn。",
    ),
    PlatformRule(
        "jiangsu_copyright",
        "For 江苏 the footer carries 版权所有 with the subject's name.",
        "compliance/footer.py copyright_holder (provinces.toml jiangsu_copyright)",
        "S3 §11 (网站添加版权所有)",
        "ICP备案成功后，部分省份管局要求，例如江苏省，需要在网站下方添加版权所有，所添加的版权所有需要与您的单位名称保持一致。",
    ),
    PlatformRule(
        "public_security_filing_30_days",
        "公安联网备案 reminder: 30 days from the 网站开通 date the applicant confirms (default the approval date), "
        "reminding at day 0, 20 and 28, rescheduled when the date changes, stopped once marked submitted.",
        "compliance/services.py send_due_reminders, confirm_opened, mark_done",
        "S3 §11",
        "待各网站在工信部备案成功后，需在网站开通（即网站对外提供访问服务）之日起30日内提交公安联网备案申请。",
    ),
    PlatformRule(
        "public_security_filing_shanghai",
        "上海 subjects are pointed to the 上海 portal, everyone else to 全国互联网安全管理服务平台.",
        "compliance/services.py portal",
        "S3 §11 (公安联网备案)",
        "上海地区用户：请参见关于上海市网站公安联网备案公告。",
    ),
    PlatformRule(
        "commercial_icp_license",
        "A note that commercial content (服务类型 网络购物) needs the 经营性 ICP 许可证 after filing.",
        "compliance/selectors.py licence_note",
        "S3 §11 (经营性备案)",
        "如果您的网站属于经营性网站（通过互联网上网用户有偿提供信息或者网页制作等服务活动），则需在ICP备案后申请经营性ICP许可证。",
    ),
    # 手机拍照备案 (issue 20)
    PlatformRule(
        "photo_first_prefill",
        "手机拍照备案: after 个人/企业 and the province, the business licence and the principal's ID (front and back) are "
        "photographed first; they are the order's materials, and the readings at or above the OCR confidence "
        "threshold fill the blank fields (name, number, 证件住所, 法定代表人 as principal and 投资人, the ID's validity), "
        "each marked 由证件识别，可修改; a field read below it stays empty and is flagged. The filing type is decided by "
        "step 1's check once the subject and the domain are known.",
        "wizard/photo_first.py; documents/prefill.py (documents/services.py read_material_now); wizard/steps.py _context",
        "S2 (APP备案介绍)",
        "APP备案采用证件识别功能，智能识别用户上传证件照片中的信息，提取有效信息自动进行信息预填（如您上传的是身份证，预填的信息包含"
        "身份证号码、姓名、地址等），减少用户操作，提高信息准确度。",
    ),
    PlatformRule(
        "recapture_signals",
        "Certificate slots on the photo page open the camera (capture). Every certificate upload (phone or PC) gets "
        "the recapture signals — an image editor in EXIF Software, saved long after it was taken, a phone screen's "
        "pixel size without a camera, a screen's moiré — shown to the applicant as a hint and to the reviewer with the "
        "evidence; an upload is never refused for them. The PC upload (photos or colour scans) stays.",
        "documents/recapture.py (documents/services.py store_material); review/templates/review/_recapture.html",
        "S0",
        "上传资料需使用阿里云APP现场拍摄真实证件材料的照片并上传，不可以翻拍存储在手机或电脑中的证件照片，否则将导致备案审核失败。",
    ),
]
