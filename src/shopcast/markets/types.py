"""A market: language, currency and number formatting, the localised disclosure label."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Market(BaseModel):
    code: str  # BCP-47 with region, e.g. "ko-KR", "pt-BR", "en-US"
    name: str  # "South Korea"
    language: str  # speech/writing language code used by TTS and LLM: en, ja, zh, es, fr, it,
    #                pt-BR, hi, ko, id
    locale: str  # Babel/CLDR locale for numbers and currency, e.g. "ko_KR"
    currency: str = Field(min_length=3, max_length=3)
    ai_label: str  # visible disclosure, e.g. "AI 가상 호스트" — shown on every frame
    ai_disclosure_line: str  # what the host says when a viewer asks if it is an AI
    script_family: str = "latin"  # latin | cjk | devanagari | ... (font choice, caption breaks)
    word_separator: str = " "  # "" for ja/zh captions
