"""A virtual influencer: personality, speaking style, and per-market look and voice."""

from __future__ import annotations

from pydantic import BaseModel, Field, model_validator


class VoiceChoice(BaseModel):
    engine: str = "kokoro"  # kokoro | piper | espeak
    voice: str  # engine voice id, e.g. "af_heart", "jf_alpha", "en_US-joe-medium", "ko"
    speed: float = Field(default=1.0, gt=0.5, lt=2.0)


class LookChoice(BaseModel):
    pack: str  # avatar pack name, e.g. "seoul-glow"
    options: dict[str, str] = Field(default_factory=dict)  # pack-defined: hair_color, outfit...


class PersonaMarket(BaseModel):
    """How the persona appears in one market."""

    voice: VoiceChoice
    look: LookChoice
    greeting: str | None = None  # optional signature opener in the market's language


class Consent(BaseModel):
    """Required when the persona uses a real person's likeness or voice."""

    subject: str
    scope: str
    markets: list[str] = Field(default_factory=list)
    expires: str | None = None  # ISO date
    document: str | None = None


class Persona(BaseModel):
    name: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{1,40}$")  # id used on the command line
    display_name: str
    personality: str  # e.g. "warm, upbeat, practical big-sister energy"
    speaking_style: str  # e.g. "short sentences, one idea each, friendly questions"
    markets: dict[str, PersonaMarket]  # keyed by market code, e.g. "ko-KR"
    real_likeness: bool = False  # the look is a real person's face or body
    real_voice: bool = False  # the voice is a real person's (a clone or a recording)
    consent: Consent | None = None

    @model_validator(mode="after")
    def _likeness_needs_consent(self) -> Persona:
        real = [f for f in ("real_likeness", "real_voice") if getattr(self, f)]
        if real and self.consent is None:
            raise ValueError(
                f"{' and '.join(real)} {'is' if len(real) == 1 else 'are'} true, so a 'consent' "
                "block (subject, scope, markets, expires, document) is required"
            )
        return self
