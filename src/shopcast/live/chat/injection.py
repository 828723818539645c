"""Prompt-injection and manipulation detection on (folded) viewer text, many languages.

This is a first line only: the answer step never trusts it and checks what the host would SAY
(see ``output_guard``). Patterns run on text folded by :func:`textmatch.match_forms`
(lower case, accents off, homoglyphs and leetspeak undone).
"""

# ruff: noqa: E501 - pattern tables read best one pattern per line
from __future__ import annotations

import re
from dataclasses import dataclass

from shopcast.live.chat.textmatch import match_forms

_N = r"\d{1,3}\s*(%|percent|por ?ciento|por cento|pour ?cent|per ?cento|persen|प्रतिशत|프로|퍼센트|パーセント|割|折)"

_PATTERNS: dict[str, list[str]] = {
    "override": [
        r"\b(ignore|disregard|forget|override|bypass|skip)\b.{0,40}\b(instruction|instructions|rules|prompt|guidelines|directions|programming|previous|above)\b",
        r"\b(new|updated|real) (instructions|rules|system message)\b",
        r"\bfrom now on,? (you|u)\b",
        r"\bdeveloper mode\b",
        r"\bjailbreak",
        r"\bdan mode\b",
        r"\bdo anything now\b",
        r"\bno (rules|restrictions|filters)\b",
        r"지시.{0,6}무시",
        r"명령.{0,6}무시",
        r"규칙.{0,6}무시",
        r"지금부터 너는",
        r"指示.{0,6}無視",
        r"命令.{0,6}無視",
        r"ルール.{0,6}無視",
        r"今から(あなた|君|お前)は",
        r"忽略.{0,8}(指令|指示|规则|设定|提示)",
        r"无视.{0,8}(指令|指示|规则)",
        r"从现在(开始|起)你",
        r"\bignora\b.{0,30}\b(instrucciones|reglas|istruzioni|regole|instrucoes)\b",
        r"\b(ignore|ignora|esqueca|esquece)\b.{0,30}\b(instrucoes|regras)\b",
        r"\b(ignore|ignorez|oublie|oubliez)\b.{0,30}\b(instructions|consignes|regles)\b",
        r"\babaikan\b.{0,30}\b(instruksi|perintah|aturan)\b",
        r"निर्देश.{0,15}(अनदेखा|नजरअंदाज|भूल)",
    ],
    "prompt_leak": [
        r"\b(system|initial|hidden|secret|original) ?(prompt|instructions|message)\b",
        r"\b(repeat|reveal|show|print|tell|give|display|output|leak|dump|write)\b.{0,30}\b(your|the) (prompt|instructions|rules|guidelines|configuration|context)\b",
        r"\bwhat (are|were) (your|the) (instructions|rules)\b",
        r"\bwords above\b",
        r"\b(rules|instructions|text|everything) (you were given|above|before)\b",
        r"시스템 ?프롬프트",
        r"프롬프트.{0,8}(알려|보여|출력|말해)",
        r"システム ?プロンプト",
        r"プロンプト.{0,8}(教えて|見せて|表示|出力)",
        r"系统(提示|指令)",
        r"提示词",
        r"(告诉|显示|输出).{0,6}(你的)?(指令|设定)",
        r"\bprompt (del|do|di|du) (sistema|systeme)\b",
        r"\bprompt sistem\b",
        r"\b(muestra|repite|revela|mostre|repita|revele|montre|repete|mostra|ripeti|tunjukkan|ulangi)\b.{0,20}\b(prompt|instrucciones|instrucoes|instructions|istruzioni|instruksi)\b",
        r"सिस्टम प्रॉम्प्ट",
    ],
    "persona_swap": [
        r"\b(pretend|act|roleplay|role-play|behave)\b.{0,20}\b(to be|you are|you're|as|like)\b",
        r"\byou are now\b",
        r"\byou('re| are) (not|no longer) (a |an )?(host|assistant)\b",
        r"\b(speak|talk|answer|respond|reply) (as|like) \w+",
        r"\bsay (it )?in \w+'?s? voice\b",
        r"\b(be|become) \w+ (now|instead)\b",
        r"인 척",
        r"역할.{0,4}(해|놀이)",
        r"빙의",
        r"말투로",
        r"(ふり|フリ)をして",
        r"なりきって",
        r"として(話して|答えて|振る舞って)",
        r"假装",
        r"扮演",
        r"冒充",
        r"你现在是",
        r"\b(finge|finja|fingi|fais semblant|faites semblant|pura-pura|berpura-pura)\b",
        r"\b(actua|aja|agisci|agis) como?\b",
        r"\bhabla como\b",
        r"\bfale como\b",
        r"होने का नाटक",
    ],
    "insult_request": [
        r"\b(insult|roast|humiliate|mock|make fun of|trash talk|curse at|swear at|cuss)\b",
        r"\bcall (him|her|them|me|everyone|the \w+|@?\w+) (an? )?(idiot|stupid|moron|loser|ugly|dumb|fat)\b",
        r"\b(say|tell)\b.{0,20}\b(is|are) (an? )?(idiot|stupid|moron|loser|dumb|ugly|fat)\b",
        r"\bsay (a )?(bad|swear|curse|dirty) words?\b",
        r"욕.{0,4}(해|하세요|해줘|해봐)",
        r"(놀려|비하해|모욕)",
        r"바보라고",
        r"(罵って|悪口|バカにして|ばかと言って)",
        r"骂",
        r"侮辱",
        r"(说|讲).{0,6}(笨蛋|傻)",
        r"\b(insulta|insulte|xingue|xinga|ofende|ofenda|hina|maki|moquez|moque)\b",
        r"गाली",
    ],
    "fake_offer": [
        r"\b(host|you|seller|admin|mod|moderator|boss|brand|manager|she|he|they)\b.{0,20}\b(said|says|promised|announced|confirmed|told|offered|agreed)\b.{0,40}("
        + _N
        + r"|\bfree\b|\bdiscount|\bcoupon|\boff\b|\$\s?\d)",
        r"\b(confirm|guarantee|promise|announce|admit|say)\b.{0,40}("
        + _N
        + r"|\bfree\b|\bdiscount|\bcoupon|\bprice of\b|\$\s?\d)",
        r"\b(give|send) (me|us|everyone)\b.{0,20}\b(free|discount|coupon|code)\b",
        r"\bsay\b.{0,30}\b(costs?|is) (only )?\$?\d",
        r"\b(promised|said|told|announced)\b.{0,30}\b(free|discount|coupon|\d+\s*% off)\b",
        r"("
        + _N
        + r"|\b(discount|descuento|desconto|remise|reduction|sconto|diskon|coupon|free)\b).{0,40}\b(confirm\w*|konfirmasi|pastikan|conferm\w*)",
        r"\b(dijo|dice|disse|falou|dit|detto|bilang|katanya)\b.{0,30}("
        + _N
        + r"|\b(descuento|desconto|remise|sconto|diskon|gratis|gratuit)\b)",
        r"(할인|쿠폰|공짜|무료).{0,20}(확인|약속|말해|보장)",
        r"(확인|약속)해.{0,10}(할인|" + _N + ")",
        r"(割引|値引き|無料|クーポン|半額|\d+\s*%\s*オフ).{0,20}(確認|約束|言って|言いました|保証)",
        r"(折扣|打折|免费|优惠券|优惠).{0,20}(确认|承诺|保证|说)",
        r"(确认|承诺).{0,20}(折|免费|优惠)",
        r"\b(confirm\w*|garantiza|garanta|promete|prometa|conferm\w*|garantisci|konfirmasi|janji|pastikan)\b.{0,40}("
        + _N
        + r"|\b(descuento|desconto|gratis|gratuit|sconto|diskon|remise|reduction|cupon|cupom)\b)",
        r"(छूट|मुफ्त).{0,20}(पुष्टि|वादा)",
    ],
    "dictation": [
        # telling the host what to announce ("tell everyone the sale runs all week")
        r"\b(tell|inform|remind) (everyone|everybody|all|the chat|the viewers|viewers|people|us all)\b",
        r"\b(announce|shout out|broadcast)\b.{0,40}\b(that|sale|deal|free|stock|left|week|today|price)\b",
        r"(^|[,.!?:]\s*|\b(please|pls|plz|now|just|and|then|so) )say (that |it'?s |there (are|is|'s) |the (sale|deal|price|stock) |yes\b|so\b)",
        r"(모두|다들|전부|시청자).{0,10}(에게|한테).{0,10}(말해|알려|공지)",
        r"(라고|다고) (말해|해줘|공지|알려)",
        r"(みんな|皆|全員|視聴者).{0,6}(に).{0,6}(言って|伝えて|知らせて|発表)",
        r"(と|って)(言って|伝えて|発表して)",
        r"(告诉|通知|跟|和)(大家|所有人|观众)",
        r"(就|快)?说(一下)?(库存|还有|折扣|活动|一整周|免费)",
        r"\b(di|decid|anuncia|anuncien)\b.{0,6}\bque\b",
        r"\b(diles|dile) a (todos|todo el mundo)\b",
        r"\b(fala|fale|diga|avisa|avise|anuncia|anuncie)\b.{0,6}\b(que|pra todo mundo|geral|a todos)\b",
    ],
    "markup": [
        r"<\s*/?\s*(script|iframe|img|svg|style|object|embed|a|html|body|system|assistant|user)\b",
        r"javascript:",
        r"\bon(error|load|click)\s*=",
        r"\{\{.*\}\}",
        r"<\|im_(start|end)\|>",
        r"\[(system|inst|/inst)\]",
        r"###\s*(instruction|system)",
        r"^\s*(system|assistant)\s*:",
        r"</?\s*(data|comment|facts)\s*>",
        r"<<\s*sys\s*>>",
        r"\bsystem\s*:",
    ],
}
_COMPILED = {
    name: [re.compile(p, re.IGNORECASE | re.MULTILINE) for p in pats]
    for name, pats in _PATTERNS.items()
}


@dataclass(frozen=True)
class InjectionFinding:
    kind: str  # override | prompt_leak | persona_swap | insult_request | fake_offer | dictation | markup
    pattern: str


def detect_injection(text: str) -> InjectionFinding | None:
    """The first manipulation attempt found in ``text``, or None."""
    forms = match_forms(text)
    # the raw (NFKC) text too: markup checks need the original punctuation
    for kind, patterns in _COMPILED.items():
        for pattern in patterns:
            for form in (*forms, text):
                if pattern.search(form):
                    return InjectionFinding(kind, pattern.pattern)
    return None
