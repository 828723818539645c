"""Personas: virtual influencers with a look and a voice per market."""

from shopcast.persona.loader import load_persona_file, parse_persona
from shopcast.persona.service import PersonaService
from shopcast.persona.types import Consent, LookChoice, Persona, PersonaMarket, VoiceChoice

__all__ = [
    "Consent",
    "LookChoice",
    "Persona",
    "PersonaMarket",
    "PersonaService",
    "VoiceChoice",
    "load_persona_file",
    "parse_persona",
]
