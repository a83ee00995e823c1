"""Hindi segmentation: dandas, OCR '.' as danda or comma, abbreviations and decimals (pySBD-style table)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.segment import segmenter_for

HINDI = segmenter_for("hi")

GOLDEN = [
    # Dandas, question and exclamation marks.
    (
        "सोवियत क्रांति का पूरे विश्व पर गहरा असर पड़ा। इससे प्रेरणा मिली।",
        ["सोवियत क्रांति का पूरे विश्व पर गहरा असर पड़ा।", "इससे प्रेरणा मिली।"],
    ),
    ("क्या यह सच है? हाँ! बिल्कुल।", ["क्या यह सच है?", "हाँ!", "बिल्कुल।"]),
    ("राम ने कहा॥ फिर वह चला गया।", ["राम ने कहा॥", "फिर वह चला गया।"]),
    # A danda with no space after it (OCR) still ends the sentence.
    ("उत्पादन कम था।इस बात को देखते हुए स्तालिन ने पहल की।", ["उत्पादन कम था।", "इस बात को देखते हुए स्तालिन ने पहल की।"]),
    # Closing quotes stay with their sentence.
    ("उसने कहा, “हम तैयार हैं।” फिर सभा शुरू हुई।", ["उसने कहा, “हम तैयार हैं।”", "फिर सभा शुरू हुई।"]),
    # OCR '.' for '।' after a finite verb ends the sentence (texts/hi).
    (
        "इस कारण लोगों के सामने विकल्प मौजूद नहीं थे. इसके अलावा शासन की आलोचना पर रोक थी।",
        ["इस कारण लोगों के सामने विकल्प मौजूद नहीं थे.", "इसके अलावा शासन की आलोचना पर रोक थी।"],
    ),
    ("कीमत 42 मिलियन यूरो थी. यह बहुत था।", ["कीमत 42 मिलियन यूरो थी.", "यह बहुत था।"]),
    (
        "उसने उसे एक उल्लेखनीय महिला बताया. एक गिटार वादक ने भी यही कहा।",
        ["उसने उसे एक उल्लेखनीय महिला बताया.", "एक गिटार वादक ने भी यही कहा।"],
    ),
    # OCR '.' for ',' in a list (texts/hi line 6).
    (
        "अभिजात्य भूस्वामियों, पूँजीपतियों. व्यापारियों व शाही दरबारियों के बिना नया समाज बना।",
        ["अभिजात्य भूस्वामियों, पूँजीपतियों. व्यापारियों व शाही दरबारियों के बिना नया समाज बना।"],
    ),
    # Correlative clause: जो … आई. उसका … is one sentence (texts/hi line 7).
    (
        "1929-32 के बीच पूँजीवादी देशों में जो भीषण आर्थिक मंदी आई. उसका रूस पर कोई प्रभाव नहीं पड़ा।",
        ["1929-32 के बीच पूँजीवादी देशों में जो भीषण आर्थिक मंदी आई. उसका रूस पर कोई प्रभाव नहीं पड़ा।"],
    ),
    (
        "रूस के अधिकांश पड़ोसी देश जो पूँजीवादी थे. लगातार इसी प्रयास में रहे कि वह सफल न हो।",
        ["रूस के अधिकांश पड़ोसी देश जो पूँजीवादी थे. लगातार इसी प्रयास में रहे कि वह सफल न हो।"],
    ),
    # A '.' after a postposition, or before a quotation after a verb of saying, is a comma.
    ("महज 20 साल की उम्र में. वह एक सशक्त आवाज है।", ["महज 20 साल की उम्र में. वह एक सशक्त आवाज है।"]),
    ("उसकी पत्नी ने बताया. “उसने लापरवाही बरती।”", ["उसकी पत्नी ने बताया. “उसने लापरवाही बरती।”"]),
    ("वह बुढ़ापे में मर जाएगा. या युद्ध में अमर हो जाएगा।", ["वह बुढ़ापे में मर जाएगा. या युद्ध में अमर हो जाएगा।"]),
    # Abbreviations and decimals do not split.
    ("डॉ. शर्मा आए। उन्होंने एम.ए. किया है।", ["डॉ. शर्मा आए।", "उन्होंने एम.ए. किया है।"]),
    ("निर्माण में $103.7 मिलियन खर्च हुए। दर 5.2% रही।", ["निर्माण में $103.7 मिलियन खर्च हुए।", "दर 5.2% रही।"]),
    ("ई. पू. 8वीं शताब्दी में नगर बने।", ["ई. पू. 8वीं शताब्दी में नगर बने।"]),
    # A paragraph without a final danda is still a sentence.
    ("और अक्सर विरोध करने वाले को मार डाला जाता", ["और अक्सर विरोध करने वाले को मार डाला जाता"]),
]


@pytest.mark.parametrize("text, expected", GOLDEN)
def test_hindi_golden_rules(text, expected):
    assert HINDI.sentences(text) == expected


def test_a_line_ending_on_a_finite_verb_without_a_stop_ends_a_sentence():
    assert HINDI.boundary_score("लाखों लोग भुखमरी के कारण मरे लेकिन कृषि सामूहीकरण पूरा हुआ", "नया अनुच्छेद") > 0.5
    assert HINDI.boundary_score("भूस्वामियों की ज़मीन किसानों के बीच वितरित होने से अधिकांश", "कृषक मध्यम") < 0.5


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("कखग ािीे।.?!,“”\"' 12\n")), max_size=80))
def test_split_covers_every_non_space_character_once(text):
    spans = HINDI.split(text)
    covered = "".join(text[a:b] for a, b in spans)
    assert covered.replace(" ", "").replace("\n", "") == text.replace(" ", "").replace("\n", "")
    assert all(a < b for a, b in spans)
    assert all(b1 <= a2 for (_, b1), (a2, _) in zip(spans, spans[1:]))
