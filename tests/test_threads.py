"""Q&A pages with several answers and forum threads with several posts: the furniture between
two answers or posts (names, dates, bars, sign-offs, floors, quotes, signatures, ad slots) is cut
and weighed as one separator, so every answer and reply stays; the furniture after the last one
(related questions, reply boxes, comments under an article) still ends the text.

The pages are invented for these tests; each reproduces one structure of real sites.
"""

from __future__ import annotations

import pytest

from etl.extract.evidence import is_author_list
from etl.knowledge.lexicon import load_lexicon, load_triggers
from etl.knowledge.rules import load_rules
from etl.parse import ParsedDocument, parse_document

Q = "我爸今年六十五岁，2型糖尿病二十年了，每天打胰岛素。有机构打电话说干细胞打三针就能停药，要九万多，这个靠谱吗？"
A1 = "干细胞治疗糖尿病在国内仍然处于临床研究阶段，目前没有获批上市的干细胞药物可以用于糖尿病，所谓打三针停药的说法没有可靠依据。"
A2 = "我姑父前年在外地打过两次，花了十二万，血糖降了一个月又回去了，现在还是照常打胰岛素，劝你别花这个冤枉钱。"
A3 = "如果确实想试，可以查一下正规三甲医院公开招募的临床试验，正规试验一般不收治疗费用，也会有专门的医生随访。"


@pytest.fixture(scope="module")
def env() -> tuple:
    return load_rules(), load_lexicon(), load_triggers()


def parse(env: tuple, lines: list[str], name: str = "page.txt") -> ParsedDocument:
    rules, lexicon, triggers = env
    return parse_document(name, "\n".join(lines).encode("utf-8"), rules, lexicon, triggers)


def cut_as(doc: ParsedDocument, line: str) -> str | None:
    return next((rule for rule, text in doc.cut if text == line), None)


def test_other_answers_under_their_label_each_headed_by_a_name_and_a_date(env: tuple) -> None:
    """A Zhidao-style page: under 其他2条回答 each answer has its poster's name and date above it and
    its bar under it; the second one is kept like the first, and the question's own date dates the page."""
    doc = parse(env, [
        "问问吧 首页 问题 专栏 | 登录 注册", "健康 > 内分泌科", "干细胞能治好糖尿病吗？听说打几针就能停药", Q,
        "某某用户0612 | 浏览 2951 次 | 提问于 2023-06-14 21:07", "最佳答案", A1,
        "某某某 内分泌科 主治医师 | 回答于 2023-06-15 08:42",
        "其他2条回答", "老街某某", "2023-06-16 13:55", A2, "评论 (4) 赞 27",
        "某某的夏天", "2023-06-18 09:10", A3, "评论 赞 6",
        "相关问题", "干细胞治疗糖尿病足效果怎么样 12 回答", "胰岛素打了还能停吗 31 回答"])
    assert all(p in doc.main_text for p in (A1, A2, A3))
    assert cut_as(doc, "2023-06-18 09:10") == "poster_line"
    assert cut_as(doc, "某某的夏天") == "poster_line"
    assert "评论 (4) 赞 27" not in doc.main_text
    assert "胰岛素打了还能停吗" not in doc.main_text
    assert str(doc.published_date) == "2023-06-14"


def test_a_sign_off_and_a_vote_bar_between_two_doctors_answers(env: tuple) -> None:
    """以上回答仅供参考 closes each doctor's answer; with the vote bar under it and the next doctor's
    card it separates two answers, and the second answer is kept."""
    doc = parse(env, [
        "问医馆 > 内分泌科 > 问题详情", "干细胞移植能治好2型糖尿病吗？", Q, "共2条医生回答",
        "某某某 主治医师", "某市第三人民医院 内分泌科 三甲", "回答时间：2023-11-05 21:40", A1, A3,
        "以上回答仅供参考，不能代替面诊。", "有用(128) 没用(3) 追问 分享",
        "某某 副主任医师", "某某大学附属医院 内分泌代谢科", "回答时间：2023-11-06 08:12",
        "补充一点：老人晚上睡不好也可能和夜间血糖波动有关，建议查一下睡前和凌晨的血糖，先把现有治疗做好，别急着花钱。",
        "有用(12) 没用(0) 追问 分享", "相关问题", "血糖高吃什么好 31 回答"])
    assert A3 in doc.main_text
    assert "补充一点：老人晚上睡不好" in doc.main_text
    assert "以上回答仅供参考，不能代替面诊。" not in doc.main_text


POST1 = "我父亲帕金森第七年，手抖越来越厉害。去年在外地打了三次干细胞，前后花了十四万，第一针后手抖好像轻了一点，三个月后又回到原样。"
POST2 = "太贵了！我们这边的医院在做帕金森的干细胞临床试验，不收钱，就是要求年龄七十岁以下，楼主可以去问问神经内科。"
POST3 = "我是神经内科护士。帕金森的药物要规律吃，症状波动可以找医生调方案，别把希望都放在打针上，钱要花在刀刃上。"


def test_forum_floors_with_ranks_quotes_signatures_and_an_ad_between_posts(env: tuple) -> None:
    """Floors written '#2　name　(等級: 7)', a reply quoting the first post under its quote header, a
    signature under a rule of dashes or led by ——, and an ad between two floors: all cut, every post kept."""
    doc = parse(env, [
        "某某家园论坛 - 中老年人的网上家园", "某某家园论坛 » 病友交流 » 帕金森病友之家",
        "父亲打了三次干细胞，说说真实感受", "#1　老周在路上　(等級: 4｜帖子: 356)", "發表於 2021-8-3 21:14", POST1,
        "——————————", "抗帕第七年，愿老人们都健康",
        "#2　春风某某　(等級: 7)", "發表於 2021-8-3 22:30", "引用：老周在路上 於 2021-8-3 21:14 發表",
        "去年在外地打了三次干细胞，前后花了十四万", POST2, "—— 春风十里，不如你",
        "[广告] 帕金森手抖腿僵？某某进口理疗仪 30天无效退款",
        "#3　白衣某某　(等級: 9｜認證護士)", "發表於 2021-8-4 07:56", POST3,
        "快速回复 使用高级模式"])
    assert all(p in doc.main_text for p in (POST1, POST2, POST3))
    assert cut_as(doc, "#2　春风某某　(等級: 7)") == "floor_label"
    assert cut_as(doc, "去年在外地打了三次干细胞，前后花了十四万") == "quote"
    assert cut_as(doc, "抗帕第七年，愿老人们都健康") == "signature"
    assert cut_as(doc, "—— 春风十里，不如你") == "signature"
    assert "某某进口理疗仪" not in doc.main_text
    assert "快速回复" not in doc.main_text


def test_a_reply_that_quotes_nothing_said_above_is_kept(env: tuple) -> None:
    """Under a quote header only lines that repeat the thread are the quote: a reply's own words stay."""
    doc = parse(env, [
        "某某论坛 » 健康", "父亲打了三次干细胞，说说真实感受", "#1　老周在路上　(等級: 4)", "發表於 2021-8-3 21:14", POST1,
        "#2　春风某某　(等級: 7)", "發表於 2021-8-3 22:30", "引用：老周在路上 於 2021-8-3 21:14 發表", POST2, POST3])
    assert POST2 in doc.main_text


@pytest.mark.parametrize("floor", ["沙发 某某kh 发表于 2023-5-12 21:03", "5# 小某某某 发表于 2023-5-13 10:02",
                                   "回覆 #1　某某護理師　2023/11/09"])
def test_a_floor_its_poster_and_time_on_one_line_do_not_end_the_thread(env: tuple, floor: str) -> None:
    doc = parse(env, ["某某论坛 › 健康医疗", "[求助] 父亲打干细胞，靠谱吗？", "楼主 某某 发表于 2023-5-12 20:11", POST1, POST3,
                      floor, POST2, "回复 举报"])
    assert POST2 in doc.main_text
    assert cut_as(doc, floor) == "floor_label"


EN_Q = "My mom (68) has had Parkinson's for six years and her tremor is getting worse. A clinic offers stem cell infusions for $25,000. Is it worth trying?"
EN_A1 = ("Short answer: not outside a registered clinical trial. Parkinson's disease is caused by the gradual loss of "
         "dopamine-producing neurons, and early trials of replacement cells are under way, but no clinic can sell you a proven cure.")
EN_A2 = ("We did it. My father had severe tremor by year five. After the infusion he felt more energetic for a few weeks, "
         "but his tremor never improved and we spent our savings. I would look for a real trial if I did it again.")


def test_english_answer_cards_and_an_ad_slot_between_two_answers(env: tuple) -> None:
    """A Quora-style page: each answer under its answerer's one-line card (…, MD … Answered 2y); a
    sponsored slot between the answers (its label, its text, its button) is cut, and the slot does not
    make the page paid content."""
    doc = parse(env, [
        "Some Answers", "Home", "Parkinson's Disease  Stem Cells  Neurology",
        "Is stem cell therapy for Parkinson's disease worth trying?", EN_Q, "4 Answers",
        "Some One, MD Movement disorders neurologist, 15 years Answered 2y", EN_A1, "38 comments",
        "Sponsored by Some Regen Clinics",
        "Stem cell treatment for Parkinson's, MS and arthritis. Over 3,000 patients treated. Book a free consultation today.",
        "Learn more", "Other Person Caregiver for my father, 2015-2021 Answered 1y", EN_A2, "11 comments"])
    assert doc.title == "Is stem cell therapy for Parkinson's disease worth trying?"
    assert EN_A1 in doc.main_text and EN_A2 in doc.main_text
    assert cut_as(doc, "Some One, MD Movement disorders neurologist, 15 years Answered 2y") == "user_card"
    assert "Over 3,000 patients treated" not in doc.main_text
    assert doc.source_type == "social_qa"


def test_a_question_over_buttons_counts_and_the_answerers_name_and_card_is_the_title(env: tuple) -> None:
    """Answer / Follow · 48 / Request / 7 Answers / the answerer's name / their card line: the question
    above all of them is still the title."""
    doc = parse(env, [
        "Some Answers", "Home", "Spaces", "Sign In", "Health & Medicine › Orthopedics",
        "Do stem cell injections for knee arthritis really work, or is it a scam?",
        "Answer", "Follow · 48", "Request", "7 Answers", "Dr. Some Person",
        "Orthopaedic surgeon, sports medicine, Some City · Answered 14 March 2023", KNEE_A,
        "Side effects are usually minor: swelling and stiffness for a few days. Rarely, infection."])
    assert doc.title == "Do stem cell injections for knee arthritis really work, or is it a scam?"
    assert KNEE_A in doc.main_text


KNEE_A = ("Short answer: for most people with knee osteoarthritis, stem cell injections are not a proven treatment. "
          "What clinics usually inject is bone marrow aspirate concentrate, which contains very few stem cells.")

ARTICLE = [
    "张阿姨去年冬天突发中风，抢救过来后留下了右侧偏瘫和说话不利索的毛病，家里人四处打听干细胞能不能帮上忙。",
    "神经康复科的医生说，国内外已有少量临床试验，部分患者运动功能有改善，但多数研究规模小，目前没有产品获批用于常规治疗。",
    "对于偏瘫患者，发病后六个月内是康复黄金期，坚持做运动训练和语言训练，比到处找偏方更重要。"]


@pytest.mark.parametrize(("heading", "comment"), [
    ("精选留言", "老刘：我父亲脑梗三年了，打过两次干细胞，走路稳了一点，不知道是不是心理作用，有没有人也打过？"),
    ("網友留言", "小某媽：我們家是存私庫，選可以分期的，年費每年三千多，其實也還好，大家可以參考看看。"),
    ("讀者熱話", "某某：做完皮膚真係滑咗，但價錢有啲貴，想問下有冇人做完之後有副作用，或者幾耐先見效？"),
])
def test_comments_under_an_account_or_magazine_article_are_cut(env: tuple, heading: str, comment: str) -> None:
    doc = parse(env, ["某某号 > 健康", "脑卒中后遗症，干细胞到底能帮多少？", "原创 某某小站 2021-11-02 07:30", *ARTICLE,
                      "阅读原文　阅读 1.2万　在看 86", heading, comment, "作者回复：坚持康复训练很重要",
                      "向日葵：有没有正规医院的临床试验招募？我们这边想找一个离家近的，麻烦知道的朋友说一下。"])
    assert ARTICLE[2] in doc.main_text
    assert comment not in doc.main_text
    assert "阅读原文" not in doc.main_text


@pytest.mark.parametrize(("line", "rule"), [
    ("推广 | 糖尿病逆转新希望？三甲专家在线解答，点击免费咨询 >", "advertisement"),
    ("已赞过 已踩过 < 你对这个回答的评价是？ 评论 收起", "qa_furniture"),
    ("回答者：匿名用戶　　有用(37)", "qa_furniture"),
    ("向某医生提问 >>　电话咨询 ¥49/次", "qa_furniture"),
    ("加微信ab8866了解干细胞优惠套餐，治疗脑瘫自闭症成功率95%", "call_to_action"),
    ("匿名用户 的回答：", "qa_furniture"),
    ("本文为患者家属投稿，已获授权发布。", "repost_notice"),
    ("有帮助(128) 无帮助(3) 举报", "vote_bar"),
    ("回答这个问题　　　↑ 返回顶部", "qa_furniture"),
])
def test_answer_furniture_ads_and_notes_of_blind_sets_bu_and_bw(env: tuple, line: str, rule: str) -> None:
    """Blind sets bu and bw (session 35, read): each line is cut inside a text and the text after it stays."""
    doc = parse(env, ["干细胞临床研究：患者需要理性看待宣传", A1, Q, line, A2, A3])
    assert cut_as(doc, line) == rule
    assert A2 in doc.main_text


def test_a_letters_subject_label_is_not_part_of_its_title(env: tuple) -> None:
    doc = parse(env, ["某某区人民政府门户网站", "政民互动 > 区长信箱 > 信件详情", "信件编号：QH2024031500999",
                      "来信主题：孩子脑瘫，有机构推荐干细胞治疗，是否合法？", "来信时间：2024-03-15 20:41", "来信内容：",
                      "我家孩子五岁，脑性瘫痪，一直在区康复中心做训练。最近有一家公司推销干细胞治疗，说打几针就能站起来，收费十几万，请问这合法吗？",
                      "回复内容：", "您好！您反映的问题已收悉。经查，该公司经营范围为健康咨询，不具备开展干细胞治疗的资质，我局已依法立案调查。"])
    assert doc.title == "孩子脑瘫，有机构推荐干细胞治疗，是否合法？"


def test_an_untitled_repost_starts_with_its_byline(env: tuple) -> None:
    """A page without a headline whose first line says where the repost came from, its date and its
    reads: that line is the byline (cut), and its date is the page's."""
    line = "转载自：某省妇幼保健院（微信公众号）　2024年1月9日　阅读 9,214"
    doc = parse(env, ["某某网 · 首页 资讯 专题 科普 | 登录", "专题：干细胞那些事儿 > 科普 > 文章", line, *ARTICLE])
    assert doc.title is None
    assert line not in doc.main_text
    assert str(doc.published_date) == "2024-01-09"


def test_authors_separated_by_ideographic_spaces_are_an_author_list(env: tuple) -> None:
    assert is_author_list("周某远　刘某畅　何某怡　孙某浩", env[0])


def test_related_questions_between_two_answers_do_not_end_the_text(env: tuple) -> None:
    """A Quora-style page lists related questions between the first answer and the second one's
    answerer: the list is cut, and the second answer stays; at the end of a page the list still ends it."""
    second = ("I paid $5,000 for a stem cell shot in my knee in 2021. The clinic told me it would heal my "
              "meniscus tear. A few months later the ache was back and the scan showed no change.")
    lines = ["Some Answers", "Home", "Health & Medicine › Orthopedics",
             "Do stem cell injections for knee arthritis really work, or is it a scam?", "7 Answers", "Dr. Some Person",
             "Orthopaedic surgeon, sports medicine, Some City · Answered 14 March 2023", KNEE_A,
             "9.4K views · View upvotes · View 3 shares", "Upvote · 212", "Share", "Related questions",
             "Can stem cells cure rheumatoid arthritis?", "Is PRP better than hyaluronic acid for knee pain?",
             "Other Person", "Retired welder, Some Town, AZ · Answered Jun 2, 2022", second, "Upvote · 64", "Share"]
    doc = parse(env, lines)
    assert KNEE_A in doc.main_text and second in doc.main_text
    assert "Can stem cells cure rheumatoid arthritis?" not in doc.main_text
    doc = parse(env, lines[:14])
    assert "Can stem cells cure rheumatoid arthritis?" not in doc.main_text


def test_a_questions_date_line_under_its_details_dates_the_page_and_later_answers_stay(env: tuple) -> None:
    """A doctor-answer page: 提问时间 under the question's details dates the page (not the answers'
    bars); answers part with rules drawn in ━ and doctors' cards with their answer counts, and the third
    answer after a one-line related list and an ad is kept."""
    third = "可以先去正规三甲医院问问有没有正在招募的膝骨关节炎干细胞临床试验，符合条件的话费用一般全免。"
    doc = parse(env, [
        "医答某某 | 找医生 找医院 在线问诊 | 登录", "首页 > 问答 > 骨科 > 膝关节", "患者提问 · 已有3位医生回答",
        "膝盖退变打干细胞有用吗？", "患者信息：女，63岁",
        "病情描述：双膝关节疼痛五六年了，上下楼梯时加重，医院说是骨关节炎，有机构推荐打干细胞，一次三万多。",
        "希望获得的帮助：干细胞注射适合我这种情况吗？", "提问时间：2022年9月3日", "━━━━━━━━━━",
        "某某某 副主任医师", "某市第二人民医院 骨关节外科 | 擅长：膝关节置换", A1,
        "2022-09-04 10:16 | 有帮助(86) | 追问", "━━━━━━━━━━", "某某 主治医师", "城南某某医院 康复医学科 | 回答数 341", A3,
        "2022-09-04 19:02 | 有帮助(40) | 追问", "━━━━━━━━━━", "相关推荐 >> 膝盖疼挂什么科？| 半月板损伤一定要手术吗？",
        "[广告] 某某修复软骨 一次注射告别膝痛 在线预约 >", "某某 医师", "省某某医院 骨科 | 回答数 87", third,
        "2022-09-06 08:20 | 有帮助(12) | 追问"])
    assert str(doc.published_date) == "2022-09-03"
    assert third in doc.main_text
    assert cut_as(doc, "城南某某医院 康复医学科 | 回答数 341") == "doctor_card"
    assert "━━━━━━━━━━" not in doc.main_text


def test_answers_that_open_with_their_votes_each_under_the_answerers_name(env: tuple) -> None:
    """A Zhihu-style page: each answer ends in its edit time and IP region and its comment bar, and the
    next one opens with the answerer's name and headline over its votes (58 人赞同了该回答): all of
    it is furniture between two answers, so every answer stays, and none of the furniture."""
    doc = parse(env, [
        "某问 首页 会员 发现 等你来答 | 登录/注册", "干细胞能治好糖尿病吗？", Q,
        "关注问题 写回答 邀请回答 好问题 6 添加评论 分享", "查看全部 3 个回答",
        "林下某某", "内分泌科 主治医师", "213 人赞同了该回答", A1,
        "编辑于 03-02 · IP 属地上海", "赞同 213 ​ 37 条评论 ​ 分享 ​ 收藏 ​ 喜欢",
        "小某的日常", "糖尿病患者家属", "58 人赞同了该回答", A2,
        "发布于 2 年前 · IP 属地广东", "赞同 58 ​ 9 条评论 ​ 分享 ​ 收藏",
        "匿名用户", "12 人赞同了该回答", A3])
    assert all(p in doc.main_text for p in (A1, A2, A3))
    for line in ("关注问题 写回答 邀请回答 好问题 6 添加评论 分享", "小某的日常", "发布于 2 年前 · IP 属地广东", "匿名用户"):
        assert line not in doc.main_text, line


def test_a_forums_posts_each_under_a_name_a_members_counts_and_a_floor(env: tuple) -> None:
    """A Discuz-style thread: each post under the poster's name, the member's rank and counts
    (樓主 · 帖子 37 · 積分 112) and its time and floor (發表於 2024-5-9 08:03 2#): every post stays,
    the names and the counts are cut."""
    doc = parse(env, ["登入 | 註冊 某某論壇", "論壇 › 健康醫療 › 帖子", "屋企人有糖尿病，想去打幹細胞，有冇人試過？", "查看: 3862 | 回覆: 3",
                      "阿某", "樓主 · 帖子 37 · 積分 112", "發表於 2024-5-8 22:15 1#", Q,
                      "某某護士Kelly", "高級會員 · 帖子 1208 · 積分 5630", "發表於 2024-5-9 08:03 2#", A1,
                      "行山某某", "中級會員 · 帖子 214 · 積分 690", "發表於 2024-5-9 12:41 3#", A2,
                      "阿某", "樓主 · 帖子 37 · 積分 112", "發表於 2024-5-9 21:30 4#", A3,
                      "下一頁", "你需要登入後才可以回帖 登入 | 註冊", "相關帖子", "老人家長期便秘點算好"])
    for text in (Q, A1, A2, A3):
        assert text in doc.main_text
    for line in ("某某護士Kelly", "行山某某", "高級會員 · 帖子 1208 · 積分 5630", "查看: 3862 | 回覆: 3"):
        assert line not in doc.main_text, line


def test_an_english_answer_under_a_doctors_name_without_credentials(env: tuple) -> None:
    """A second answer headed by "Dr. Name" alone, the specialty with years of experience and the
    answer date: the answer stays and its card is cut."""
    a1 = ("Injections of concentrated cells have not been shown to regrow cartilage in advanced knee osteoarthritis, "
          "and most guidelines do not recommend them outside a clinical trial.")
    a2 = ("I agree with the first answer. Cell injections may ease pain for a while in mild arthritis, but the "
          "results for bone-on-bone knees are poor, and the money is better spent on physiotherapy.")
    doc = parse(env, ["Example Ask", "Home", "Ask a Doctor", "Topics > Orthopedics > Knee",
                      "Are stem cell injections for knee arthritis worth $6,000?", "Asked by someone_62 · 2 answers · 1.2k views",
                      "I'm 62 and have bone-on-bone osteoarthritis in my right knee. A clinic nearby offers stem cell injections.",
                      "Answer", "Dr. Ann Example, MD", "Board-certified orthopedic surgeon · 14 years experience", "Answered Feb 11, 2024",
                      a1, "Was this answer helpful? Yes (214) No (9)", "Answer", "Dr. Tomás Example",
                      "Sports medicine · 9 years experience", "Answered Feb 13, 2024", a2,
                      "Was this answer helpful? Yes (88) No (3)", "Related questions", "Does PRP work for a torn meniscus?"])
    assert a1 in doc.main_text and a2 in doc.main_text
    assert "Dr. Tomás Example" not in doc.main_text and "Sports medicine" not in doc.main_text
