"""Every SSCARD_E_* code of sscard.h: (code, name, Chinese message).

The English message is the library's own (sscard_strerror); the Chinese
is sscardd's and sscard-info's.  tests/style/codes.py checks this table
against the header and service/sscardd/lang.c.

SPDX-FileCopyrightText: 2026 The libsscard authors
SPDX-License-Identifier: LGPL-2.1-or-later
"""

CODES = (
    (-1, "SSCARD_E_NO_SERVICE", "PC/SC 服务（pcscd）不可用"),
    (-2, "SSCARD_E_NO_READER", "未找到读卡器"),
    (-3, "SSCARD_E_NO_CARD", "读卡器中没有卡"),
    (-4, "SSCARD_E_SHARING", "卡片正被其他程序使用"),
    (-5, "SSCARD_E_TIMEOUT", "超时"),
    (-6, "SSCARD_E_ACCESS_DENIED", "无权访问 PC/SC 服务"),
    (-7, "SSCARD_E_READER", "读卡器或 PC/SC 故障"),
    (-8, "SSCARD_E_CANCELLED", "已取消"),
    (-20, "SSCARD_E_CARD_REMOVED", "卡片已被拔出"),
    (-21, "SSCARD_E_CARD_RESET", "卡片被复位"),
    (-22, "SSCARD_E_CARD_MUTE", "卡片没有应答：请将卡片芯片朝前重新插入，并清洁触点"),
    (-23, "SSCARD_E_PROTOCOL", "卡片通信协议错误"),
    (-24, "SSCARD_E_CARD_DATA", "卡内数据格式错误"),
    (-25, "SSCARD_E_NOT_SSCARD", "不是社会保障卡"),
    (-26, "SSCARD_E_APP_BLOCKED", "应用已锁定（卡片已挂失？）"),
    (-27, "SSCARD_E_NOT_FOUND", "卡内找不到该文件或记录"),
    (-28, "SSCARD_E_AUTH_REQUIRED", "需要终端认证（PSAM 卡）"),
    (-29, "SSCARD_E_NO_DATA", "卡内没有该数据"),
    (-30, "SSCARD_E_NO_APP", "卡片没有该应用"),
    (-31, "SSCARD_E_CARD_STATUS", "卡片返回了意外的状态"),
    (-32, "SSCARD_E_NOT_SUPPORTED", "卡片不支持该指令"),
    (-33, "SSCARD_E_NO_PSAM", "未找到 PSAM 卡"),
    (-34, "SSCARD_E_NO_KEY", "密钥来源缺少该密钥或不支持此卡的算法"),
    (-35, "SSCARD_E_KEY_WRONG", "终端密钥与此卡不符：PSAM 所属地区或密钥文件不对"),
    (-36, "SSCARD_E_KEY_LOCKED", "卡片的终端认证密钥已锁定"),
    (-37, "SSCARD_E_NOT_GENUINE", "内部认证失败：卡片不是真卡"),
    (-38, "SSCARD_E_PSAM_REMOVED", "PSAM 卡已被拔出"),
    (-39, "SSCARD_E_HSM", "加密机出错或返回的数据格式错误"),
    (-40, "SSCARD_E_CARD_MISMATCH", "不是指定的卡（卡识别码或卡号不符）"),
    (-41, "SSCARD_E_MAC_REFUSED", "卡片拒绝了指令的 MAC"),
    (-42, "SSCARD_E_KEY_LAST_TRY", "卡片终端密钥只剩一次尝试机会：需要确认"),
    (-43, "SSCARD_E_NO_KEY_STORE", "无法写入密钥防护记录，且该密钥来源未在此卡的发卡地区证明过自身：未发送任何指令（请把用户加入 sscard 组，或设置 SSCARD_STATE_DIR）"),
    (-50, "SSCARD_E_PIN_WRONG", "密码错误"),
    (-51, "SSCARD_E_PIN_LOCKED", "密码已锁定"),
    (-52, "SSCARD_E_PIN_FORMAT", "密码须为 4 至 12 位数字"),
    (-53, "SSCARD_E_PIN_REQUIRED", "需要先验证密码"),
    (-54, "SSCARD_E_PIN_LAST_TRY", "密码只剩最后一次机会：需要确认"),
    (-55, "SSCARD_E_PIN_UNUSABLE", "密码不可用（参考数据已失效）"),
    (-56, "SSCARD_E_PINPAD_TIMEOUT", "密码键盘输入超时"),
    (-57, "SSCARD_E_PINPAD_CANCELLED", "已在密码键盘上取消输入"),
    (-58, "SSCARD_E_PIN_TRIES_UNKNOWN", "卡片不提供剩余次数：输错可能锁定；需要确认"),
    (-59, "SSCARD_E_PIN_INITIAL", "只有持卡人要求时才能重置为初始密码 123456"),
    (-70, "SSCARD_E_INVALID_ARG", "参数错误"),
    (-71, "SSCARD_E_BUFFER_TOO_SMALL", "缓冲区太小"),
    (-72, "SSCARD_E_WRONG_THREAD", "在其他线程中使用了句柄"),
    (-73, "SSCARD_E_PROFILE", "地区配置不存在或格式错误"),
    (-74, "SSCARD_E_KEYFILE", "密钥文件无法读取、格式错误或可被他人读取"),
    (-90, "SSCARD_E_NO_MEMORY", "内存不足"),
    (-91, "SSCARD_E_INTERNAL", "内部错误"),
)
