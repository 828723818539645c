"""Fixed lines that tell viewers where their question stands, per language: said aloud when
several ask the same thing or many wait, and shown in chat when a question waits or is
answered in text. No viewer text ever goes into a spoken one (the names and questions are shown,
not said), so each is voiced once and kept."""

# ruff: noqa: E501 - one line per phrase reads best
from __future__ import annotations

from shopcast.live.chat.phrases import language_key

LINES: dict[str, dict[str, str]] = {
    "en": {
        "not_on_shelf": "That one isn't in today's show — today I have {shelf}.",
        "other_language": "Sorry, I can't read that language yet — ask me in English and I'll answer right away!",
        "grouped": "A few of you asked this —",
        "busy": "Lots of questions — I'll get to you, and answer the rest in chat!",
        "queued_ui": "Got it, {name} — you're number {position}. The answer comes in about "
        "{seconds} s, here in chat if the host can't get to it.",
        "in_chat_ui": "@{name} {answer}",
    },
    "ko": {
        "not_on_shelf": "그 상품은 오늘 방송에 없어요. 오늘은 {shelf}을 소개해요.",
        "other_language": "죄송해요, 그 언어는 아직 못 읽어요. 한국어로 물어봐 주시면 바로 답해 드릴게요!",
        "grouped": "여러분이 같은 걸 물어보셨어요.",
        "busy": "질문이 정말 많네요! 차례대로 답하고, 나머지는 채팅으로 답해 드릴게요!",
        "queued_ui": "{name}님, 질문 받았어요. {position}번째예요. 약 {seconds}초 안에 답해 드릴게요"
        " (방송에서 못 하면 채팅으로).",
        "in_chat_ui": "@{name} {answer}",
    },
    "ja": {
        "not_on_shelf": "その商品は今日の配信にはありません。今日は{shelf}をご紹介しています。",
        "other_language": "ごめんなさい、その言語はまだ読めません。日本語で聞いてくれたらすぐ答えますね！",
        "grouped": "何人かの方から同じ質問をいただきました。",
        "busy": "たくさんの質問ありがとう！順番にお答えして、残りはチャットでお返事しますね！",
        "queued_ui": "{name}さん、受け付けました。{position}番目です。約{seconds}秒でお答えします"
        "（配信で話せなければチャットで）。",
        "in_chat_ui": "@{name} {answer}",
    },
    "zh": {
        "not_on_shelf": "这个商品今天不在直播里，今天介绍的是{shelf}。",
        "other_language": "抱歉，我还看不懂这种语言。用中文问我，我马上回答！",
        "grouped": "好几位朋友都问了这个问题。",
        "busy": "问题好多！我按顺序回答，其余的在聊天里回复大家！",
        "queued_ui": "{name}，收到啦，你排第{position}位。大约{seconds}秒内回答（来不及的话在聊天里回复）。",
        "in_chat_ui": "@{name} {answer}",
    },
    "es": {
        "not_on_shelf": "Eso no está en el directo de hoy: hoy tengo {shelf}.",
        "other_language": "Perdona, todavía no leo ese idioma: pregúntame en español y te respondo enseguida.",
        "grouped": "Varios me habéis preguntado esto:",
        "busy": "¡Cuántas preguntas! Las voy respondiendo, y el resto os lo contesto en el chat.",
        "queued_ui": "Recibido, {name}: vas en el puesto {position}. La respuesta llega en unos "
        "{seconds} s, aquí en el chat si no da tiempo en directo.",
        "in_chat_ui": "@{name} {answer}",
    },
    "pt": {
        "not_on_shelf": "Esse não está na live de hoje — hoje tenho {shelf}.",
        "other_language": "Desculpe, ainda não leio esse idioma — pergunte em português e eu respondo na hora!",
        "grouped": "Vários de vocês perguntaram isto:",
        "busy": "Quantas perguntas! Vou respondendo, e o resto respondo no chat!",
        "queued_ui": "Recebido, {name}: você é o número {position}. A resposta vem em uns "
        "{seconds} s, aqui no chat se não der tempo ao vivo.",
        "in_chat_ui": "@{name} {answer}",
    },
    "fr": {
        "not_on_shelf": "Ce produit n'est pas dans l'émission d'aujourd'hui — aujourd'hui, j'ai {shelf}.",
        "other_language": "Désolée, je ne lis pas encore cette langue — posez-moi la question en français !",
        "grouped": "Plusieurs d'entre vous m'ont demandé ceci :",
        "busy": "Que de questions ! J'y réponds dans l'ordre, et le reste dans le chat !",
        "queued_ui": "Bien reçu, {name} : vous êtes numéro {position}. Réponse dans environ "
        "{seconds} s, ici dans le chat si je n'ai pas le temps de la dire.",
        "in_chat_ui": "@{name} {answer}",
    },
    "it": {
        "not_on_shelf": "Quello non è nella diretta di oggi: oggi ho {shelf}.",
        "other_language": "Scusa, non leggo ancora quella lingua: chiedimelo in italiano e ti rispondo subito!",
        "grouped": "In tanti mi avete chiesto questo:",
        "busy": "Quante domande! Rispondo in ordine, e al resto rispondo in chat!",
        "queued_ui": "Ricevuto, {name}: sei il numero {position}. La risposta arriva in circa "
        "{seconds} s, qui in chat se non faccio in tempo a dirla.",
        "in_chat_ui": "@{name} {answer}",
    },
    "hi": {
        "not_on_shelf": "वह आज के शो में नहीं है — आज मेरे पास {shelf} है।",
        "other_language": "माफ़ कीजिए, मैं वह भाषा अभी नहीं पढ़ पाती — हिंदी में पूछिए, मैं तुरंत जवाब दूँगी!",
        "grouped": "आप में से कई लोगों ने यही पूछा है।",
        "busy": "इतने सारे सवाल! मैं एक-एक करके जवाब दे रही हूँ, बाकी का जवाब चैट में दूँगी!",
        "queued_ui": "{name}, सवाल मिल गया — आप {position} नंबर पर हैं। लगभग {seconds} सेकंड में "
        "जवाब मिलेगा (लाइव में न हो सका तो चैट में)।",
        "in_chat_ui": "@{name} {answer}",
    },
    "id": {
        "not_on_shelf": "Itu tidak ada di siaran hari ini — hari ini aku punya {shelf}.",
        "other_language": "Maaf, aku belum bisa membaca bahasa itu — tanya dalam bahasa Indonesia, langsung kujawab!",
        "grouped": "Beberapa dari kalian menanyakan ini:",
        "busy": "Banyak sekali pertanyaannya! Aku jawab satu per satu, sisanya aku balas di chat!",
        "queued_ui": "Siap, {name}: kamu nomor {position}. Jawabannya sekitar {seconds} detik lagi, "
        "di chat ini kalau tidak sempat kusebut.",
        "in_chat_ui": "@{name} {answer}",
    },
}


def line(language: str, key: str, **values: object) -> str:
    """The ``key`` line in ``language`` (English where the language has none)."""
    table = LINES.get(language_key(language), LINES["en"])
    return table.get(key, LINES["en"][key]).format(**values)
