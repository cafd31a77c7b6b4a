namespace OpenProducer.Engine.Lyrics;

/// <summary>A part of speech a line template's slot asks for.</summary>
internal enum Part { Noun, Adj, Verb, Place, Time }

/// <summary>
/// Rhyme for the lyric writer. English: the CMU lexicon's rhyme key when it knows the word, else the word's hand-made
/// rhyme family, else its spelling's last vowel group and what follows (so the writer still rhymes with no lexicon).
/// Chinese: each line-final character's rhyme class (十三辙-style finals), hand-grouped.
/// </summary>
internal static class Rhymes
{
    /// <summary>
    /// Hand-grouped English rhyme families: everyday lyric words that rhyme perfectly, each tagged with how it can
    /// end a line (n noun, a adjective, v verb, t time word). They are the partners the writer can rhyme a topic
    /// word with, and the rhymes it still has when the lexicon is missing.
    /// </summary>
    private static readonly string[] Families =
    [
        "n: night light flight; a: bright white; v: ignite; t: tonight",
        "n: day way; a: gray; v: stay play sway; t: today",
        "n: snow glow rainbow; a: slow; v: go glow flow grow",
        "n: heart; v: start",
        "n: rain pain lane; v: remain",
        "n: sea tree; a: free",
        "n: line sunshine; a: fine; v: shine",
        "n: song; a: strong long; v: belong",
        "n: shore door; v: roar soar explore",
        "n: hand land sand; v: stand understand",
        "n: view; a: blue true new",
        "n: stars cars scars",
        "n: dream stream; v: gleam",
        "n: sound ground",
        "n: face place space grace; v: embrace",
        "n: home; v: roam",
        "n: ride side tide pride; a: wide; v: hide glide",
        "n: year fear; a: clear near; v: appear disappear",
        "n: call wall; v: fall",
        "n: gold; a: cold old bold; v: hold unfold",
        "n: sun fun; v: run",
        "n: sky goodbye lullaby; a: high; v: fly cry try",
        "n: wave; a: brave",
        "n: spring wing; v: sing swing",
        "n: street beat heat; a: sweet; v: meet",
        "n: breeze trees seas; v: freeze",
        "n: flame name; a: same",
        "n: dust trust",
        "n: town crown; v: drown",
        "n: moon tune afternoon",
        "n: school pool; a: cool",
        "n: hill thrill; a: still",
        "n: flower tower hour",
        "n: eyes skies sunrise; a: wise; v: rise",
        "n: bed thread; v: spread",
        "n: west rest nest",
        "n: dance chance romance",
        "n: past; v: last",
        "n: car star guitar",
        "n: gate fate; v: wait celebrate",
        "n: air care prayer; v: dare share; t: everywhere",
        "n: sleep; a: deep; v: keep weep",
        "n: storm; a: warm",
        "n: child; a: wild",
        "n: love dove",
        "n: wheel; a: real; v: feel heal",
        "n: boat coat note; v: float",
        "n: spark park; a: dark",
        "t: now somehow",
        "a: alive; v: drive arrive survive",
        "n: river; v: shiver",
        "n: mountain fountain",
        "n: ocean motion emotion devotion",
    ];

    /// <summary>Every family word as a typed end-word candidate, with its family's number.</summary>
    internal static readonly IReadOnlyList<(string Word, Part Part, int Family)> FamilyWords = ParseFamilies();

    private static readonly Dictionary<string, int> FamilyOf = FamilyWords
        .GroupBy(w => w.Word).ToDictionary(g => g.Key, g => g.First().Family, StringComparer.Ordinal);

    private static List<(string, Part, int)> ParseFamilies()
    {
        var words = new List<(string, Part, int)>();
        for (int f = 0; f < Families.Length; f++)
            foreach (var group in Families[f].Split(';', StringSplitOptions.TrimEntries))
            {
                var (tag, list) = (group[..1], group[2..]);
                var part = tag switch { "n" => Part.Noun, "a" => Part.Adj, "v" => Part.Verb, _ => Part.Time };
                foreach (var w in list.Split(' ', StringSplitOptions.RemoveEmptyEntries)) words.Add((w, part, f));
            }
        return words;
    }

    /// <summary>
    /// The rhyme key of a line's last word (or of a phrase's last word): lexicon first, then the hand families,
    /// then spelling. Equal keys rhyme. <paramref name="lexicon"/> false gives the keys used when it is missing.
    /// </summary>
    public static string Key(string wordOrPhrase, bool lexicon = true)
    {
        string word = LastWord(wordOrPhrase);
        if (lexicon && CmuLexicon.RhymeKey(word) is { Length: > 0 } key) return key;
        if (FamilyOf.TryGetValue(word, out int family)) return "family:" + family;
        return "spelling:" + SpellingTail(word);
    }

    /// <summary>The last word of a phrase, lower-case, without apostrophes.</summary>
    public static string LastWord(string phrase)
    {
        int end = phrase.Length;
        while (end > 0 && !char.IsLetter(phrase[end - 1])) end--;
        int start = end;
        while (start > 0 && (char.IsLetter(phrase[start - 1]) || phrase[start - 1] == '\'')) start--;
        return phrase[start..end].ToLowerInvariant().Trim('\'');
    }

    /// <summary>The last vowel group and what follows, with a silent final e dropped ("snow" → "ow", "stone" → "on").</summary>
    private static string SpellingTail(string word)
    {
        string w = word.Length > 3 && word.EndsWith('e') && !"aeiouy".Contains(word[^2]) ? word[..^1] : word;
        int i = w.Length - 1;
        while (i >= 0 && !"aeiouy".Contains(w[i])) i--;
        while (i > 0 && "aeiouy".Contains(w[i - 1])) i--;
        return i < 0 ? w : w[i..];
    }

    /// <summary>
    /// Chinese rhyme classes: characters grouped by their final, in the spirit of the thirteen rhyme groups
    /// (十三辙) pop lyrics follow. Characters with two readings in different classes are left out.
    /// </summary>
    private static readonly (string Final, string Chars)[] ChineseFinals =
    [
        ("ang", "方光上望想唱亮样长窗乡香浪场港房墙章航扬翔旁膀霜阳凉忘伤往妆芒藏堂芳桑网晃烫慌框洋帐江讲强量梁狂忙糖张凰煌黄荡常尝旷肠双帮棒汤羊仰养厂抗岗刚钢粮朗郎廊狼放访纺唐塘躺闯爽创装庄壮状胖当挡向囊响淌"),
        ("i", "里起你意气地雨语去曲绿局期际息迹昔衣溪泥西记忆离米比笛力滴题提惜晰奇极季迷泣吸希及戏喜寄丽礼理立密依一已易医旗齐骑鸡机女律聚遇续絮旅趣许序余鱼羽宇句居剧笔壁低底敌体替梯替系细洗席习息熄稀犀悉喜戏虚需徐绪蓄续雨玉域欲育誉予与夕湿时事市持室池刺日枝蜜皮须"),
        ("ou", "走手后久友酒秋留游头柔守口有候楼流舟愁由求透够漏忧受收就救绸优丢瘦牛油肉豆逗斗抖偶兜九首又皱州洲周粥舟休修秀袖朽后厚吼猴喉侯够构购狗勾沟钩球宙鸥奏"),
        ("an", "天间边年远见前点山散岸湾帆颜眼暖晚蓝看站单满片伞烟线甜愿完船园源圆原缘欢伴半乱算弯环换现变面念浅千川关安盼烂灿畔难南闪软泉淡返寒汗喊田甜填添仙先鲜弦闲咸险显县限羡献转穿传喘串端短断段团酸算蒜宣选旋悬玄软卷捲倦眷全泉拳劝权犬脸言延凡瓣雁暗滩肩璨焰帘联饭馆衫板懒敢圈连"),
        ("en", "心人真痕深门身新音亲林今金近进信尽巾阵纷分吻问闻春村轮存魂寸温文云群寻军晕韵顺神沉森认恨本根跟很民敏品拼贫频您林临邻鳞琳淋吟银引印因阴音辰晨昏纯盹烬镇滚奔"),
        ("ong", "星晴明情停静清声风城灯梦红中空东动冬种重宫生升冷等醒境影景听灵轻命名睛疼朋层峰蜂逢缝胸虹容浓龙通同松钟踪终孔拥涌勇永更正程成能称兵冰病平瓶萍评晶京惊经镜竟英迎营赢铃零领岭宁凝亭庭顶挺厅定丁莹胧鸣虫诚鹰登庆映桐笼"),
        ("ai", "来开爱海白外在待彩怀改带台排采赖菜代腮柴埋卖迈猜才财再载戴盖该概派拍奈耐摆拜买麦乃哀埃挨唉矮碍呆徊"),
        ("a", "花家吧下他她话画霞沙发涯夏华挂大差茶拉佳加假价架嫁洒塌马妈骂爬怕打达答纱杀傻刷瓜夸垮芽牙崖哑雅鸭压呀娃瓦袜化洼耍巴"),
        ("e", "歌河我火过落多么说朵活坡阔色车热乐破寞颗合喝课刻客可渴得德特者这舍射折波磨陌默摸婆泊搏锁所索果国锅伙或获货托脱作做坐座左错昨拖握窝沃诺罗裸烁涩瑟峨娥末"),
        ("ie", "雪月夜写街谢别蝶叶界节约烈血跃学缺野姐借接结切且些鞋斜邪谐灭铁贴跌茄略掠虐绝决诀悦越阅洁页"),
        ("u", "路步树度处舞雾土福苦哭图出幕书谷读湖诉住注助主珠竹逐烛足族组祖束舒术熟鼓古故顾固孤布母暮木目牧慕夫服浮扶府赴护户呼屋无五午物误悟吾初除触楚如入突途徒涂吐兔渡肚赌毒独酷库伏糊碌"),
        ("ao", "好跑笑到老照草桥遥潮少岛道耀梢抱早找鸟号高告交飘漂瞧巧俏掉调跳条挑宝报刀倒导稻毛帽猫貌袍泡炮逃讨套萄骚扫嫂吵超朝烧稍勺绍扰绕遭糟造操槽劳牢闹脑熬傲袄奥摇腰要药谣窑咬教娇骄郊叫妖晓效校消小萧霄销标包嚣"),
        ("ei", "飞美回泪醉谁水岁归随累睡背北辉杯梅黑对会队退推腿嘴最罪追吹垂锤为位味未围微威唯伟尾慰胃喂贵鬼柜灰挥悔汇惠配陪培佩赔碎虽穗类雷内贝倍悲被非肥废妹媚魅玫眉每瑰惫扉畏翠啡"),
    ];

    /// <summary>
    /// General Chinese line endings, by rhyme class and part (n noun, a adjective, v verb, p place, t time): the
    /// partners a topic word rhymes with, and the endings a section can fall back on.
    /// </summary>
    private static readonly string[] ChineseEndings =
    [
        "n: 远方 月光 星光 阳光 梦想 希望 海浪 方向 模样 肩膀 天堂 信仰; v: 歌唱 飞翔 流浪 远航 发光 回望 绽放 摇晃; a: 明亮 漫长 辉煌 滚烫 闪亮; p: 身旁 路上 天上; t: 天亮 晚上",
        "n: 回忆 勇气 秘密 距离 呼吸 旋律 足迹 四季 天地; v: 升起 飞起 相遇 哭泣 叹息 想起; a: 美丽 神奇 清晰; p: 心里 梦里 这里 雨里 风里; t: 夜里 雨季",
        "n: 朋友 双手 自由 老友 美酒; v: 守候 挥手 行走 回头 停留 漂流 奔走; a: 温柔 长久; p: 街头 心头 枝头 路口; t: 很久 以后 深秋",
        "n: 春天 蓝天 海岸 港湾 风帆 笑脸 花园 誓言; v: 出现 飞远 蔓延 走远 再见 流连; a: 温暖 灿烂 遥远 蔚蓝 平凡; p: 身边 天边 海边 眼前 窗前; t: 今天 明天 那年 从前 夜晚 当年",
        "n: 星辰 青春 乌云 灵魂 白云 缘分; v: 前进 靠近 飞奔; a: 天真 认真 深沉; p: 森林 树林; t: 清晨 黄昏",
        "n: 梦 天空 彩虹 星空 笑容 风景 眼睛 旅程 灯; v: 感动 心动 苏醒 倾听; a: 安静 晶莹 年轻 透明 朦胧 通红; p: 心中 风中 梦中 雨中; t: 寒冬 黎明 天晴",
        "n: 大海 未来 舞台 花海 期待; v: 醒来 归来 到来 盛开 离开 等待; a: 洁白 精彩; p: 窗外 云外 天外; t: 未来",
        "n: 烟花 雪花 浪花 晚霞 童话 鲜花 天涯; v: 出发 长大 落下 融化; a: 潇洒 伟大; p: 天涯 树下 月下 屋檐下; t: 盛夏",
        "n: 歌 银河 烟火 花朵 星河 山河 颜色; v: 唱歌 走过 飘落 闪烁; a: 快乐 火热 炙热; p: 角落; t: 此刻",
        "n: 明月 蝴蝶 季节 世界 落叶; v: 告别 凋谢; a: 热烈 皎洁; p: 长街; t: 深夜 今夜 长夜 黑夜",
        "n: 脚步 大树 幸福 礼物 旅途; v: 起舞 跳舞 追逐 漫步; a: 孤独; p: 归途; t: 日出",
        "n: 怀抱 微笑 小岛 歌谣 海岛; v: 燃烧 奔跑 闪耀 欢笑; a: 美好 骄傲; p: 树梢 小桥; t: 破晓 清早",
        "n: 眼泪 玫瑰 滋味 泪水 光辉; v: 飞 回归 陶醉 纷飞; a: 完美 珍贵 疲惫",
    ];

    /// <summary>Every general Chinese ending as a typed candidate.</summary>
    internal static readonly IReadOnlyList<(string Word, Part Part)> ChineseEndWords =
        ChineseEndings.SelectMany(line => line.Split(';', StringSplitOptions.TrimEntries).SelectMany(group =>
            group[2..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => (w, group[0] switch
            {
                'n' => Part.Noun, 'a' => Part.Adj, 'v' => Part.Verb, 'p' => Part.Place, _ => Part.Time,
            })))).ToArray();

    private static readonly Dictionary<char, string> FinalOfChar = BuildFinals();

    private static Dictionary<char, string> BuildFinals()
    {
        var map = new Dictionary<char, string>();
        foreach (var (final, chars) in ChineseFinals)
            foreach (char c in chars) map.TryAdd(c, final);
        return map;
    }

    /// <summary>The rhyme class of a Chinese character ("ang", "i", "ou"…), or null when it is not in the table.</summary>
    public static string? FinalOf(char c) => FinalOfChar.TryGetValue(c, out var f) ? f : null;

    /// <summary>Characters listed under more than one final (the table should have none).</summary>
    internal static IEnumerable<char> AmbiguousChinese() =>
        ChineseFinals.SelectMany(f => f.Chars.Distinct()).GroupBy(c => c).Where(g => g.Count() > 1).Select(g => g.Key);
}
