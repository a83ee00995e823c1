"""Thai repairs: cuts and spaces that fall inside a word (PyThaiNLP's word list decides)."""

import pytest

from aligner.ingest.thai import join_is_inside_word, spurious_spaces


@pytest.mark.parametrize(
    "left, right, inside",
    [
        ("ความรักระหว่างประ", "เทศอยู่ในความควบคุม", True),
        ("สมาคม", "ภาพยนตร์แห่งอเมริกา", False),
        ("ต่อต้านการปกครองของคอมมิวนิสต์ขึ้น", "ที่ฐานทัพเรือ", False),
        ("abc", "def", False),
    ],
)
def test_join_inside_a_word(left, right, inside):
    assert join_is_inside_word(left, right) is inside


def test_a_space_splitting_a_word_is_closed_but_a_space_between_words_is_kept():
    text = "ความคิดเห็นเรื่องการเมืองการปก ครองและการปฏิวัติ"
    assert spurious_spaces(text) == [text.index(" ")]
    assert spurious_spaces("พยายามเข้า ควบคุมเหมือนที่ได้กำกับ") == []
    assert spurious_spaces("อยู่ร่วมกันได้ ทั้งสองฝ่าย") == []
