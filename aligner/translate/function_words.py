"""Hand-written English glosses of Hindi and Thai function words, auxiliaries and numerals.

Dictionaries list content words; a gloss without the grammar words between them is unreadable.
These tables were written for aligner from standard grammars of Hindi and Thai, not from any corpus.
An empty string means the word has no English counterpart worth printing (Hindi's agent marker ने,
Thai's nominalisers are handled separately).
"""

from __future__ import annotations

HINDI = {
    # postpositions (single and compound)
    "का": "of", "की": "of", "के": "of", "को": "to", "ने": "", "में": "in", "मे": "in", "से": "from",
    "पर": "on", "तक": "until", "लिए": "for", "लिये": "for", "साथ": "with", "बाद": "after",
    "द्वारा": "by", "बारे": "about", "अंदर": "inside", "भीतर": "inside", "बीच": "between", "ऊपर": "above",
    "नीचे": "below", "बिना": "without", "तरह": "like", "अनुसार": "according to", "ओर": "towards",
    "खिलाफ": "against", "ख़िलाफ़": "against", "विरुद्ध": "against", "कारण": "because of",
    "दौरान": "during", "जैसे": "like", "जैसा": "like", "जैसी": "like", "प्रति": "per", "सहित": "including",
    "के लिए": "for", "के लिये": "for", "के बाद": "after", "के साथ": "with", "के बारे में": "about",
    "के द्वारा": "by", "के बीच": "between", "की ओर": "towards", "के अनुसार": "according to",
    "के कारण": "because of", "के दौरान": "during", "के खिलाफ": "against", "के ख़िलाफ़": "against",
    "की तरह": "like", "के रूप में": "as", "के पास": "near", "से पहले": "before", "के बजाय": "instead of",
    "के अलावा": "besides", "के तहत": "under", "के ऊपर": "over", "के बिना": "without",
    # pronouns and determiners
    "मैं": "I", "मुझे": "me", "मेरा": "my", "मेरी": "my", "मेरे": "my", "हम": "we", "हमें": "us",
    "हमारा": "our", "हमारी": "our", "हमारे": "our", "तुम": "you", "आप": "you", "आपका": "your",
    "आपकी": "your", "आपके": "your", "वह": "he", "वे": "they", "वो": "that", "यह": "this", "ये": "these",
    "इस": "this", "उस": "that", "इन": "these", "उन": "those", "इसे": "this", "उसे": "him",
    "उन्हें": "them", "इन्हें": "them", "उन्होंने": "they", "इन्होंने": "they", "उसने": "he", "इसने": "it",
    "उनके": "their", "उनका": "their", "उनकी": "their", "उसके": "his", "उसका": "his", "उसकी": "his",
    "इसके": "its", "इसका": "its", "इसकी": "its", "इनके": "their", "इनका": "their", "इनकी": "their",
    "अपना": "own", "अपनी": "own", "अपने": "own", "स्वयं": "self", "खुद": "self", "ख़ुद": "self",
    "जो": "who", "जिस": "which", "जिसे": "whom", "जिन": "which", "जिसके": "whose", "जिनके": "whose",
    "जिसका": "whose", "जिसकी": "whose", "जिसमें": "in which", "जिन्होंने": "who", "जिसने": "who",
    "कौन": "who", "क्या": "what", "क्यों": "why", "कैसे": "how", "कब": "when", "कहाँ": "where",
    "कोई": "some", "किसी": "some", "कुछ": "some", "सब": "all", "सभी": "all", "सारे": "all", "सारी": "all",
    "हर": "every", "प्रत्येक": "each", "कई": "many", "अनेक": "many", "बहुत": "very", "अधिक": "more",
    "ज्यादा": "more", "ज़्यादा": "more", "कम": "less", "सबसे": "most", "अन्य": "other", "दूसरे": "other",
    "ऐसा": "such", "ऐसी": "such", "ऐसे": "such", "वैसा": "so", "इतना": "so much", "उतना": "that much",
    # particles and conjunctions
    "भी": "also", "ही": "only", "तो": "then", "न": "not", "नहीं": "not", "मत": "not", "और": "and",
    "एवं": "and", "तथा": "and", "व": "and", "या": "or", "अथवा": "or", "लेकिन": "but", "परन्तु": "but",
    "परंतु": "but", "किंतु": "but", "किन्तु": "but", "मगर": "but", "बल्कि": "rather", "कि": "that",
    "क्योंकि": "because", "इसलिए": "therefore", "इसलिये": "therefore", "अतः": "therefore", "अगर": "if",
    "यदि": "if", "जब": "when", "तब": "then", "जहाँ": "where", "जहां": "where", "वहाँ": "there",
    "वहां": "there", "यहाँ": "here", "यहां": "here", "अब": "now", "फिर": "again", "पहले": "before",
    "आज": "today", "कल": "yesterday", "लगभग": "about", "केवल": "only", "सिर्फ": "only", "सिर्फ़": "only",
    "करीब": "about", "क़रीब": "about", "यानी": "that is", "जबकि": "whereas", "ताकि": "so that",
    "हालांकि": "although", "हालाँकि": "although", "चूंकि": "since", "वरना": "otherwise",
    # auxiliaries and light verbs
    "है": "is", "हैं": "are", "था": "was", "थे": "were", "थी": "was", "थीं": "were", "हो": "be",
    "होना": "be", "होता": "is", "होती": "is", "होते": "are", "हुआ": "happened", "हुई": "happened",
    "हुए": "happened", "होगा": "will be", "होगी": "will be", "होंगे": "will be", "होने": "being",
    "रहा": "", "रही": "", "रहे": "", "गया": "", "गई": "", "गए": "", "गयी": "", "गये": "",
    "कर": "doing", "किया": "did", "किए": "did", "किये": "did", "करना": "do", "करते": "do",
    "करता": "does", "करती": "does", "करने": "to do", "करें": "do", "करेगा": "will do", "करेंगे": "will do",
    "सकता": "can", "सकती": "can", "सकते": "can", "सका": "could", "सकी": "could", "सके": "could",
    "चाहिए": "should", "दिया": "gave", "दी": "gave", "दिए": "gave", "दिये": "gave", "लिया": "took",
    "ली": "took", "वाला": "one who", "वाली": "one who", "वाले": "those who", "जाता": "is", "जाती": "is",
    "जाते": "are", "जाना": "go", "जाने": "going", "कहा": "said", "कहते": "say", "कहता": "says",
    "बताया": "told", "लगा": "began", "लगी": "began", "लगे": "began", "पाया": "found", "मिला": "got",
    "मिली": "got", "मिले": "got",
    # numerals
    "एक": "one", "दो": "two", "तीन": "three", "चार": "four", "पाँच": "five", "पांच": "five",
    "छह": "six", "छः": "six", "सात": "seven", "आठ": "eight", "नौ": "nine", "दस": "ten", "बीस": "twenty",
    "सौ": "hundred", "हज़ार": "thousand", "हजार": "thousand", "लाख": "lakh", "करोड़": "crore",
    "पहला": "first", "पहली": "first", "दूसरा": "second", "दूसरी": "second", "तीसरा": "third",
    "तीसरी": "third", "आधा": "half", "प्रतिशत": "percent", "साल": "year", "वर्ष": "year",
    "सदी": "century", "शताब्दी": "century", "ई.": "AD", "ई॰": "AD", "सन्": "in", "डॉ.": "Dr.",
    "श्री": "Mr.", "श्रीमती": "Mrs.",
}

THAI = {
    # conjunctions, prepositions, relatives
    "และ": "and", "หรือ": "or", "แต่": "but", "ที่": "that", "ซึ่ง": "which", "ของ": "of", "ใน": "in",
    "บน": "on", "จาก": "from", "กับ": "with", "แก่": "to", "แด่": "to", "ให้": "to", "โดย": "by",
    "เพื่อ": "for", "สำหรับ": "for", "ถึง": "to", "จน": "until", "ตั้งแต่": "since", "เมื่อ": "when",
    "ขณะ": "while", "ขณะที่": "while", "หลัง": "after", "หลังจาก": "after", "ก่อน": "before",
    "ระหว่าง": "between", "ว่า": "that", "เพราะ": "because", "เพราะว่า": "because", "จึง": "so",
    "ดังนั้น": "therefore", "ถ้า": "if", "หาก": "if", "แม้": "although", "แม้ว่า": "although",
    "ถึงแม้": "although", "กว่า": "than", "ต่อ": "to", "ตาม": "according to", "ภายใน": "within",
    "ภายใต้": "under", "เกี่ยวกับ": "about", "ทั้งนี้": "moreover", "นอกจากนี้": "besides",
    "อย่างไรก็ตาม": "however", "โดยเฉพาะ": "especially", "เช่น": "such as", "รวมถึง": "including",
    "รวมทั้ง": "including", "ไปยัง": "to", "ที่มี": "with", "จนถึง": "until", "ด้วย": "with",
    # verbs of being, auxiliaries, aspect
    "เป็น": "is", "คือ": "is", "มี": "has", "ไม่": "not", "ไม่ได้": "not", "ได้": "could", "จะ": "will",
    "ก็": "then", "ยัง": "still", "แล้ว": "already", "กำลัง": "is", "เคย": "once", "อยู่": "is",
    "ถูก": "was", "ต้อง": "must", "ควร": "should", "อาจ": "may", "อาจจะ": "may", "สามารถ": "can",
    "ไป": "go", "มา": "come", "ไม่ใช่": "not", "ใช่": "yes", "ทำ": "do", "ทำให้": "make", "กล่าว": "said",
    "บอก": "told", "เขียน": "wrote", "พูด": "speak", "คิด": "think", "รู้": "know", "เห็น": "see",
    "ใช้": "use", "เริ่ม": "begin", "ได้รับ": "receive",
    # pronouns, determiners, quantifiers
    "นี้": "this", "นั้น": "that", "นี่": "this", "นั่น": "that", "เหล่านี้": "these",
    "เหล่านั้น": "those", "เขา": "he", "พวกเขา": "they", "เรา": "we", "พวกเรา": "we", "ฉัน": "I",
    "ผม": "I", "คุณ": "you", "มัน": "it", "ตน": "self", "ตนเอง": "oneself", "ทั้ง": "all", "ทุก": "every",
    "บาง": "some", "หลาย": "many", "มาก": "very", "มากมาย": "many", "อย่าง": "as", "อีก": "more",
    "ที่สุด": "most", "เท่านั้น": "only", "เพียง": "only", "แค่": "only", "ใด": "any", "ใคร": "who",
    "อะไร": "what", "ทำไม": "why", "อย่างไร": "how", "ที่ไหน": "where", "เมื่อไร": "when", "ต่างๆ": "various",
    "ต่าง": "various", "ทั้งหมด": "all", "ส่วนใหญ่": "most", "บ้าง": "some", "เอง": "self",
    # numerals and dates
    "หนึ่ง": "one", "สอง": "two", "สาม": "three", "สี่": "four", "ห้า": "five", "หก": "six",
    "เจ็ด": "seven", "แปด": "eight", "เก้า": "nine", "สิบ": "ten", "ร้อย": "hundred", "พัน": "thousand",
    "หมื่น": "ten thousand", "แสน": "hundred thousand", "ล้าน": "million", "ปี": "year",
    "ค.ศ.": "AD", "พ.ศ.": "BE", "ร้อยละ": "percent", "เปอร์เซ็นต์": "percent", "คน": "people",
    "ครั้ง": "time", "ครั้งแรก": "first time", "แรก": "first", "วัน": "day", "เดือน": "month",
    "ศตวรรษ": "century",
    # nominalisers and classifiers with no English word of their own
    "การ": "", "ความ": "", "ผู้": "one who", "นัก": "", "ชาว": "people", "แห่ง": "of", "ฯ": "",
}

#: the commonest words of the Thai National Corpus frequency list (PyThaiNLP's tnc_freq.txt) that
#: the Thai WordNet lacks, glossed by hand
THAI_COMMON = {
    "กัน": "together", "ไทย": "Thai", "ไว้": "keep", "เธอ": "she", "เลย": "at all", "ลง": "down",
    "อื่น": "other", "เอา": "take", "นำ": "lead", "หา": "seek", "อยาก": "want", "คง": "probably",
    "มอง": "look", "ท่าน": "he", "อัน": "which", "พอ": "enough", "พบ": "find", "เดิน": "walk",
    "น่า": "worth", "เดียว": "single", "ดังกล่าว": "said", "ข้อ": "point", "ถาม": "ask",
    "พิจารณา": "consider", "รัก": "love", "ยิ่ง": "even more", "ไหน": "which", "ชอบ": "like",
    "จีน": "China", "ฟัง": "listen", "ผลิต": "produce", "การเมือง": "politics", "เสนอ": "propose",
    "ปฏิบัติ": "practice", "เลือก": "choose", "อ่าน": "read", "ก็คือ": "is", "สู่": "to",
    "หรือไม่": "or not", "ประชุม": "meeting", "เดียวกัน": "same", "ประจำ": "regular",
    "เนื่องจาก": "because", "อย่า": "do not", "สัมพันธ์": "relation", "เหตุ": "cause", "ตอบ": "answer",
    "เดิม": "original", "ถือ": "hold", "เล่า": "tell", "ประกอบ": "compose", "ดำเนินการ": "carry out",
    "สุข": "happy", "รู้จัก": "know", "ข้าง": "side", "เรียกว่า": "called", "พา": "bring",
    "เชื่อ": "believe", "ราชการ": "government service", "เดินทาง": "travel", "ไม่ว่า": "whether",
    "เฉพาะ": "specific", "ย่อม": "naturally", "ราย": "case", "วาง": "put", "ยืน": "stand",
    "ประการ": "aspect", "บริหาร": "administer", "นิยม": "popular", "อนุญาต": "allow", "สอน": "teach",
    "ญี่ปุ่น": "Japan", "ทางการ": "official", "ความหมาย": "meaning", "นอก": "outside",
    "ได้แก่": "namely", "สัมภาษณ์": "interview", "เจอ": "meet", "นอกจาก": "besides", "ดังนี้": "as follows",
    "เสมอ": "always", "เหลือ": "remain", "วิเคราะห์": "analyse", "สั่ง": "order", "มิได้": "not",
    "เน้น": "emphasise", "ถือว่า": "regard as", "หมายถึง": "mean", "นับ": "count", "แยก": "separate",
    "สนใจ": "interest", "คุย": "talk", "ต่อมา": "later", "วิ่ง": "run", "อธิบาย": "explain",
    "นึก": "think", "กรุงเทพ": "Bangkok", "แจ้ง": "inform", "ที่สำคัญ": "importantly", "จ่าย": "pay",
    "แน่": "sure", "ร้อง": "cry", "สุด": "most", "ทำการ": "perform", "ตัดสินใจ": "decide",
    "พระราชบัญญัติ": "act", "รุ่น": "generation", "ที่ผ่านมา": "past", "เสร็จ": "finish", "ที่มา": "origin",
    "ตรวจสอบ": "check", "ค่อย": "gradually", "ระบุ": "specify", "ศาสนา": "religion", "เช่นนี้": "like this",
    "ก็ตาม": "however", "พระองค์": "he", "สหรัฐ": "United States", "สหรัฐฯ": "United States",
    "เกษตร": "agriculture", "โทษ": "punishment", "แทบ": "almost", "ประเด็น": "issue", "ติดต่อ": "contact",
    "เจริญ": "prosper", "สังเกต": "observe", "แข่งขัน": "compete", "หมายความ": "mean",
    "สื่อสาร": "communicate", "ในขณะที่": "while", "สงสัย": "doubt", "แนวทาง": "approach", "ชวน": "invite",
    "บ่อย": "often", "แม้แต่": "even", "ทั้งหลาย": "all", "เอกชน": "private", "ดำรง": "maintain",
    "เช้า": "morning", "โดน": "was", "หวัง": "hope", "ไร้": "without", "กล่าวถึง": "mention",
    "สถาน": "place", "มั่นคง": "stable", "นคร": "city", "ซ้ำ": "repeat", "หลวง": "royal",
    "พร้อมกับ": "along with", "ครบ": "complete", "มหา": "great", "แท้จริง": "real",
    "ประสิทธิภาพ": "efficiency", "มติ": "resolution", "แปล": "translate", "ผลกระทบ": "impact",
    "ต่อเนื่อง": "continuous", "พอใจ": "satisfied", "ข้าม": "cross", "สอบ": "examine", "อ้าง": "claim",
    "รับรู้": "perceive", "แนะนำ": "recommend", "ต่อไปนี้": "following", "ล้วน": "entirely",
    "ตลอดจน": "as well as", "ภัย": "danger", "เพียงแต่": "only", "ต่อสู้": "fight", "สะดวก": "convenient",
    "ออกแบบ": "design", "สำเร็จ": "succeed", "บรรดา": "all", "หลักเกณฑ์": "criteria", "คาด": "expect",
    "จากนั้น": "then", "นำเข้า": "import", "ดูเหมือน": "seem", "โดยที่": "whereby", "เรียกร้อง": "demand",
    "มิใช่": "not", "มุ่ง": "aim", "สำรวจ": "survey", "ท้าย": "end", "ปฏิเสธ": "deny", "จบ": "end",
    "ไกล": "far", "เขต": "zone", "รัฐบาล": "government", "ประชาชน": "people", "ประเทศ": "country",
}

#: Thai prefixes that derive a word from another; the gloss glosses the rest and adds this
THAI_PREFIXES = {"การ": "", "ความ": "", "ผู้": "", "นัก": "", "ชาว": "", "ประเทศ": "", "พรรค": "party "}

#: Hindi inflectional endings tried in order: (ending, replacement) to reach a dictionary form
HINDI_ENDINGS = (
    ("ियों", "ी"), ("ियाँ", "ी"), ("ियां", "ी"), ("ाओं", "ा"), ("ाएँ", "ा"), ("ाएं", "ा"), ("ओं", ""),
    ("ों", ""), ("ों", "ा"), ("ें", ""), ("ें", "ा"), ("ाएगा", "ाना"), ("ेगा", "ना"), ("ेगी", "ना"),
    ("ेंगे", "ना"), ("ते", "ना"), ("ता", "ना"), ("ती", "ना"), ("ने", "ना"), ("ाया", "ाना"), ("ाई", "ाना"),
    ("ाए", "ाना"), ("या", "ना"), ("यी", "ना"), ("ये", "ना"), ("ई", "ना"), ("ए", "ना"), ("ा", "ना"),
    ("ी", "ना"), ("े", "ना"), ("कर", "ना"), ("े", "ा"), ("ी", "ा"), ("ी", ""), ("ा", ""), ("े", ""),
    ("्य", ""), ("ीय", ""), ("िक", ""), ("ता", ""), ("पन", ""),
)
