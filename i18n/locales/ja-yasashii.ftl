# Ibasho — やさしい日本語 (Easy Japanese): short sentences, one idea each, everyday words,
# です・ます only, a reading on every kanji (ruby markup, always shown).
# The same messages and arguments as ja.ftl, in the same order (tests/check.rs).


## app
app-name = Ibasho（｜居場所《いばしょ》）
app-tagline = インターネットの｜居場所《いばしょ》
app-loading = ｜待《ま》ってください…
app-skip = ページの｜中身《なかみ》へ｜行《い》く

## lobby
lobby-welcome-title = ようこそ
lobby-welcome-body = ここは、インターネットの｜居場所《いばしょ》です。ひきこもりの｜経験《けいけん》がある｜人《ひと》と、その｜家族《かぞく》のための｜場所《ばしょ》です。｜本当《ほんとう》の｜名前《なまえ》は、｜言《い》わなくていいです。｜登録《とうろく》もいりません。ここで｜使《つか》う｜名前《なまえ》は、ほかのどこにもつながっていません。ここで｜話《はな》したことは、あとで｜消《き》えます。｜話《はな》しても、｜聞《き》くだけでも、いいです。
lobby-open_now = いま｜開《あ》いている｜部屋《へや》
lobby-closed_now = いまは｜閉《し》まっている｜部屋《へや》
lobby-none_open = いま｜開《あ》いている｜部屋《へや》は、ありません。
lobby-present = いま{ $n }｜人《にん》
lobby-capacity = { $n }｜人《にん》まで
lobby-enter = ｜入《はい》る
lobby-full = いっぱいです
lobby-closed = ｜閉《し》まっています
lobby-until = { $time }まで
lobby-loading = ｜部屋《へや》のリストを｜出《だ》しています…
lobby-load_failed = ｜部屋《へや》のリストを｜出《だ》せませんでした。｜少《すこ》し｜待《ま》ってから、もう｜一度《いちど》やってみてください。
lobby-retry = もう｜一度《いちど》
lobby-for = だれのため
lobby-rooms_label = ｜部屋《へや》のリスト

## kind
kind-themed = テーマの｜部屋《へや》
kind-family = ｜家族《かぞく》の｜会《かい》
kind-programme = ｜仲間《なかま》の｜会《かい》

## audience
audience-themed = ｜本人《ほんにん》（ひきこもりの｜経験《けいけん》がある｜人《ひと》）
audience-family = ｜家族《かぞく》
audience-anyone = だれでも

## entry
entry-word-label = あいことば（｜部屋《へや》に｜入《はい》るための｜言葉《ことば》）

## week
week-open = ｜今週《こんしゅう》の｜予定《よてい》を｜見《み》る
week-title = これから1｜週間《しゅうかん》の｜予定《よてい》
week-none = この1｜週間《しゅうかん》は、｜予定《よてい》がありません。いつも｜開《あ》いている｜部屋《へや》もあります。
week-failed = ｜予定《よてい》を｜出《だ》せませんでした。｜少《すこ》し｜待《ま》ってから、もう｜一度《いちど》やってみてください。
week-calendar = カレンダーに｜入《い》れる（.ics）
week-calendar_hint = スマホのカレンダーに、｜予定《よてい》を｜入《い》れることができます。｜登録《とうろく》はいりません。あなたのことは、｜何《なに》も｜送《おく》りません。

## programme
programme-age_band = だいたいの｜年齢《ねんれい》: { $band }
programme-facilitators = ｜同《おな》じ｜経験《けいけん》があるスタッフ: { $names }
programme-now = いまは「{ $segment }」
programme-agenda = この｜会《かい》ですること

## error
error-staff_login_refused = スタッフの｜名前《なまえ》か、パスワードがちがいます。
error-forbidden = これは、スタッフだけができることです。
error-not_your_turn = いまは、｜順番《じゅんばん》に｜話《はな》しています。あなたの｜番《ばん》が｜来《き》たら、｜話《はな》せます。「うん」「いいね」などのボタンは、いつでも｜使《つか》えます。
error-not_now = いまは、それはできません。｜部屋《へや》を｜早《はや》く｜開《あ》けられるのは、{ $leeway }｜分《ふん》｜前《まえ》からです。｜時間《じかん》をのばせるのは、｜終《お》わってから{ $leeway }｜分《ふん》までです。

## round
round-your_turn = あなたの｜番《ばん》です。｜話《はな》してもいいし、パスしてもいいです。
round-yours = あなたの｜番《ばん》です（{ $turn }/{ $turns }）。｜話《はな》してもいいし、パスしてもいいです。
round-theirs = いまは{ $handle }さんの｜番《ばん》です（{ $turn }/{ $turns }）。
round-wait = ｜順番《じゅんばん》が｜来《き》たら、｜話《はな》せます。「うん」「いいね」などのボタンは、いつでも｜使《つか》えます。
round-pass = パスする

## facilitate
facilitate-label = ファシリテーターのボタン
facilitate-extend = { $extend_minutes }｜分《ふん》のばす
facilitate-previous = ｜前《まえ》のパートへ
facilitate-next = ｜次《つぎ》のパートへ
facilitate-start_round = ｜順番《じゅんばん》に｜話《はな》すのをはじめる
facilitate-next_turn = ｜次《つぎ》の｜人《ひと》へ
facilitate-end_round = ｜順番《じゅんばん》に｜話《はな》すのをやめる
facilitate-open_early = ｜早《はや》めに｜開《あ》けて｜入《はい》る

## staff
staff-open = スタッフはこちら
staff-title = スタッフのサインイン
staff-body = ファシリテーターと｜相談員《そうだんいん》のための｜入口《いりぐち》です。｜参加《さんか》する｜人《ひと》は、サインインはいりません。
staff-name = スタッフの｜名前《なまえ》
staff-password = パスワード
staff-submit = サインイン
staff-signed_in = { $handle }でサインインしています。
staff-sign_out = サインアウト

## countdown
countdown-now = もうすぐ

## lobby
lobby-next_open_left = ｜次《つぎ》は{ $when }から（{ $left }）

## countdown
countdown-minutes = あと{ $m }｜分《ふん》
countdown-hours = あと{ $h }｜時間《じかん》
countdown-hours_minutes = あと{ $h }｜時間《じかん》{ $m }｜分《ふん》
countdown-days = あと{ $d }｜日《にち》

## lobby
lobby-next_up = ｜次《つぎ》に｜開《あ》くのは「{ $room }」です。{ $when }から（{ $left }）

## staff
staff-expired = スタッフのサインインが｜切《き》れました。もう｜一度《いちど》サインインしてください。

## room
room-sitting_note = この｜部屋《へや》は{ $time }までです。｜終《お》わると、ここで｜話《はな》したことは、｜全部《ぜんぶ》｜消《き》えます。

## entry
entry-word-hint = この｜部屋《へや》に｜入《はい》るには、あいことばがいります。あいことばは、｜前《まえ》にあなたに｜伝《つた》えた｜言葉《ことば》です。

## error
error-entry_word_refused = あいことばがちがうか、この｜部屋《へや》には｜入《はい》れません。もらったあいことばを、もう｜一度《いちど》たしかめてください。

## audience
audience-programme = ｜本人《ほんにん》（｜同《おな》じ｜経験《けいけん》があるスタッフと｜一緒《いっしょ》に）

## entry
entry-title = 「{ $room }」に｜入《はい》る
entry-handle-label = ここでの｜名前《なまえ》
entry-handle-hint = ｜本当《ほんとう》の｜名前《なまえ》は、｜使《つか》わないでください。{ $handle_max }｜文字《もじ》までです。
entry-handle-another = ほかの｜名前《なまえ》にする
entry-role-label = ｜何《なん》のことで｜来《き》ましたか（｜答《こた》えなくても、いいです）
entry-listen-label = ｜聞《き》くだけにする（｜書《か》かない）
entry-listen-hint = ｜書《か》かなくても、いいです。ほかの｜人《ひと》にわかるのは、｜何人《なんにん》いるかだけです。
entry-submit = ｜部屋《へや》に｜入《はい》る
entry-back = リストにもどる

## role
role-none = ｜答《こた》えない
role-person = ｜自分《じぶん》のこと
role-family = ｜家族《かぞく》のこと
role-supporter = ｜支《ささ》える｜人《ひと》として（｜支援者《しえんしゃ》）

## room
room-present = いま{ $n }｜人《にん》がいます
room-leave = ｜部屋《へや》から｜出《で》る
room-composer-label = メッセージ
room-composer-hint = Enterで｜送《おく》る。Shift+Enterで｜次《つぎ》の｜行《ぎょう》へ。
room-send = ｜送《おく》る
room-listening = いまは、｜聞《き》くだけです。｜書《か》きたくなったら、いつでも｜書《か》けます。
room-start_talking = ｜書《か》いてみる
room-stop_talking = ｜聞《き》くだけにする
room-you = あなた
room-empty = まだ、だれも｜話《はな》していません。ゆっくりしていってください。
room-pending = ｜送《おく》るのを｜待《ま》っています
room-failed = ｜送《おく》れませんでした
room-dismiss = ｜消《け》す
room-memory_note = ここに｜残《のこ》るのは、さいきんの｜話《はなし》だけです。あなたがだれか、わかるものは｜残《のこ》りません。
room-messages_label = ｜話《はなし》
room-react = 「{ $reaction }」を｜送《おく》る
room-announce = { $handle }：{ $text }

## reaction
reaction-nod = うん（うなずく）
reaction-thumbs_up = いいね
reaction-pray = ありがとう
reaction-tea = お｜茶《ちゃ》

## link
link-connecting = つないでいます…
link-reconnecting = つながりが｜切《き》れました。もう｜一度《いちど》つないでいます…｜書《か》いたメッセージは、つながったら｜送《おく》ります。
link-replaced = ほかのタブで、Ibashoを｜開《ひら》いています。
link-take_back = このタブで｜続《つづ》ける
link-new_session = Ibashoが、もう｜一度《いちど》はじまりました。だから、｜新《あたら》しく｜入《はい》りなおしました。

## exit
exit-button = すぐに｜閉《と》じる
exit-hint = Escキーを2｜回《かい》｜押《お》しても、｜閉《と》じます。

## settings
settings-title = ｜見《み》え｜方《かた》
settings-language = ｜言語《げんご》 / Language
settings-text_size = ｜文字《もじ》の｜大《おお》きさ
settings-neutral_title = タブの｜名前《なまえ》を、｜目立《めだ》たないものにする
settings-furigana = ｜漢字《かんじ》にふりがなをつける
settings-language_failed = ｜言葉《ことば》を｜出《だ》せませんでした。｜少《すこ》し｜待《ま》ってから、もう｜一度《いちど》やってみてください。

## size
size-normal = ふつう
size-large = ｜大《おお》きい
size-larger = とても｜大《おお》きい

## neutral
neutral-title = メモ

## error
error-bad_request = うまく｜送《おく》れませんでした。ページを｜開《ひら》きなおしてください。
error-too_long = メッセージが｜長《なが》すぎます。{ $max }｜文字《もじ》までにしてください。
error-rate_limited = ｜少《すこ》し｜待《ま》ってください。{ $seconds }｜秒《びょう》ぐらいで、また｜送《おく》れます。
error-room_full = この｜部屋《へや》は、いま、いっぱいです。｜少《すこ》し｜時間《じかん》がたってから、また｜来《き》てください。
error-room_closed = この｜部屋《へや》は、いまは｜開《あ》いていません。
error-no_such_room = その｜部屋《へや》は、｜見《み》つかりませんでした。
error-not_in_room = あなたは、まだこの｜部屋《へや》に｜入《はい》っていません。
error-handle_taken = この｜名前《なまえ》は、この｜部屋《へや》でほかの｜人《ひと》が｜使《つか》っています。ちがう｜名前《なまえ》にしてください。
error-handle_invalid = この｜名前《なまえ》は｜使《つか》えません。｜見《み》えない｜文字《もじ》は｜使《つか》えません。スタッフとまちがえそうな｜名前《なまえ》も｜使《つか》えません。
error-unavailable = いま、たくさんの｜人《ひと》が｜使《つか》っています。｜少《すこ》し｜待《ま》ってから、もう｜一度《いちど》やってみてください。
error-audience_mismatch = ｜本人《ほんにん》の｜部屋《へや》と、｜家族《かぞく》の｜部屋《へや》は、｜別《べつ》です。｜入《はい》るときに「｜自分《じぶん》のこと」か「｜家族《かぞく》のこと」を｜選《えら》んでください。｜選《えら》ぶと、あなたのための｜部屋《へや》に｜入《はい》れます。

## notice
notice-degraded = いま、｜少《すこ》し｜調子《ちょうし》がよくありません。｜読《よ》むことはできます。｜書《か》いたものは、｜直《なお》ってから｜送《おく》ります。
notice-restored = もとにもどりました。

## room
room-closing = この｜部屋《へや》は{ $time }に｜終《お》わります。｜終《お》わると、ここで｜話《はな》したことは、｜全部《ぜんぶ》｜消《き》えます。
room-closed = この｜部屋《へや》の｜時間《じかん》は、｜終《お》わりました。｜話《はな》したことは、｜全部《ぜんぶ》｜消《き》えました。また｜次《つぎ》のときに、｜来《き》てください。

## error
error-no_such_message = そのメッセージは、もうありません。
error-blocked = この｜言葉《ことば》は、ここでは｜送《おく》れません。みんなが｜安心《あんしん》して｜話《はな》せるように、ほかの｜言《い》い｜方《かた》にしてください。
error-personal_info = ｜電話番号《でんわばんごう》や、｜連絡先《れんらくさき》（メールなど）のようです。｜送《おく》ると、あなたがだれか、わかるかもしれません。
error-repeated = ｜同《おな》じ｜言葉《ことば》が｜続《つづ》いています。｜少《すこ》し｜待《ま》ってから｜送《おく》ってください。
error-muted = いまは、この｜部屋《へや》に｜書《か》けません。スタッフが「しばらく｜休《やす》んでください」と｜言《い》いました。｜読《よ》むことはできます。「うん」「いいね」などのボタンも｜使《つか》えます。
error-removed = スタッフが｜決《き》めて、あなたはこの｜部屋《へや》から｜出《で》ることになりました。ほかの｜部屋《へや》は｜使《つか》えます。
error-slow_mode = いまは、ゆっくり｜話《はな》す｜時間《じかん》です。｜少《すこ》し｜待《ま》ってから｜送《おく》ってください。
error-locked = いまは、｜聞《き》くだけの｜時間《じかん》です。「うん」「いいね」などのボタンは｜使《つか》えます。
error-no_such_report = その｜知《し》らせは、｜見《み》つかりませんでした。
error-no_such_escalation = ｜相談員《そうだんいん》を｜呼《よ》ぶお｜願《ねが》いは、｜見《み》つかりませんでした。

# The same refusals, more precisely where the server knows more (the frame's `sentence`).
error-not_now-case = いまは、それはできません（ほかの｜相談員《そうだんいん》が｜話《はなし》を｜受《う》けているか、まだ｜本人《ほんにん》の｜答《こた》えを｜待《ま》っています）。
error-personal_info-refused = この｜部屋《へや》では、｜電話番号《でんわばんごう》や｜住所《じゅうしょ》などの｜連絡先《れんらくさき》は｜送《おく》れません。あなたを｜守《まも》るためです。
error-personal_info-confirmable = ｜電話番号《でんわばんごう》や、｜連絡先《れんらくさき》（メールなど）のようです。｜送《おく》ると、あなたがだれか、わかるかもしれません。このまま｜送《おく》るか、｜書《か》きなおしてください。
error-handle_invalid-empty = この｜名前《なまえ》は｜使《つか》えません。｜何《なに》も｜書《か》いていません。
error-handle_invalid-too_long = この｜名前《なまえ》は｜使《つか》えません。{ $max }｜文字《もじ》までにしてください。
error-handle_invalid-invisible = この｜名前《なまえ》は｜使《つか》えません。｜見《み》えない｜文字《もじ》と、｜改行《かいぎょう》（｜行《ぎょう》をかえること）は｜使《つか》えません。
error-handle_invalid-looks_like_staff = この｜名前《なまえ》は｜使《つか》えません。スタッフや、Ibashoを｜動《うご》かしている｜人《ひと》と、まちがえそうな｜名前《なまえ》は｜使《つか》えません。
error-bad_request-not_json = ｜送《おく》られたデータを｜読《よ》み｜取《と》れませんでした（JSONではありません）。
error-bad_request-unknown_type = ｜知《し》らない｜種類《しゅるい》のメッセージです（type）。
error-bad_request-missing_or_wrong_field = ｜必要《ひつよう》な｜項目《こうもく》が｜足《た》りないか、｜形《かたち》がちがいます。
error-bad_request-binary = バイナリのデータは｜受《う》け｜付《つ》けていません。テキストで｜送《おく》ってください。
error-bad_request-hello_first = ｜最初《さいしょ》に hello を｜送《おく》ってください。
error-bad_request-hello_twice = hello はもう｜受《う》け｜取《と》っています。
error-bad_request-empty_text = ｜空《から》のメッセージは｜送《おく》れません。
error-bad_request-bad_client_id = client_id は1〜{ $max }バイトの｜文字列《もじれつ》にしてください。
error-bad_request-bad_resume_token = resume の｜値《あたい》の｜形《かたち》が｜正《ただ》しくありません。
error-bad_request-too_many_rooms = ｜一度《いちど》に｜入《はい》れる｜部屋《へや》は、{ $max }つまでです。
error-bad_request-bad_position = since の｜値《あたい》の｜形《かたち》が｜正《ただ》しくありません。
error-bad_request-not_their_messages = その｜人《ひと》はこの｜部屋《へや》にいないか、｜選《えら》んだメッセージがその｜人《ひと》のものではありません。
error-bad_request-not_in_excerpt = ｜見《み》せることができるのは、「｜見《み》せてもいいですか」と｜聞《き》かれたメッセージだけです。
error-bad_request-outcome_missing = ｜相談《そうだん》を｜終《お》わるときは、｜結果《けっか》（talked / referred / no_contact / other）を｜選《えら》んでください。
error-bad_request-bad_source = from は participant か crisis にしてください。
# For an HTTP API call.
error-http-staff_session = スタッフとして、サインインしてください。
error-http-admin_only = これは、｜管理者《かんりしゃ》だけができることです。
error-http-store_away = いまは｜読《よ》み｜出《だ》せません。｜少《すこ》し｜待《ま》ってから、もう｜一度《いちど》やってみてください。
error-http-bad_time = from と to は、2026-12-05T00:00:00Z のような RFC 3339 の｜時刻《じこく》にしてください。
error-http-not_found = ｜見《み》つかりませんでした。
error-http-bad_span = to は from より｜後《あと》の、{ $days }｜日《にち》｜以内《いない》の｜時刻《じこく》にしてください。
error-already_answered = もう｜答《こた》えてくれました。ありがとうございます。
error-no_such_desk = その｜相談《そうだん》の｜窓口《まどぐち》は、ありません。
error-bad_request-bad_rating = rating は、1 から 4 までの｜数《かず》にしてください。
error-http-bad_months = ｜月《つき》は 2026-04 のように｜書《か》いてください。from は to より｜前《まえ》です。{ $max }か｜月《げつ》までです（｜年度《ねんど》は fiscal_year=2026 のように｜書《か》きます）。
error-http-other = この｜求《もと》めには、｜答《こた》えられません。

## counsel
counsel-ask = ｜相談員《そうだんいん》と｜話《はな》す
counsel-ask_hint = ｜相談員《そうだんいん》は、｜話《はなし》を｜聞《き》く｜仕事《しごと》の｜人《ひと》です。あなたと｜相談員《そうだんいん》の、ふたりだけで｜話《はな》せます。ここに｜書《か》いたことは、あなたが｜選《えら》んだものだけが、｜相談員《そうだんいん》に｜伝《つた》わります。
counsel-waiting-title = ｜相談員《そうだんいん》を｜待《ま》っています
counsel-waiting-position = あなたは{ $n }｜番目《ばんめ》です。
counsel-waiting-on_duty = いま｜話《はなし》を｜聞《き》ける｜相談員《そうだんいん》: { $n }｜人《にん》
counsel-waiting-estimate = だいたい、あと{ $n }｜分《ふん》
counsel-waiting-listen = ｜待《ま》っているあいだも、｜部屋《へや》で｜聞《き》いたり、｜話《はな》したりできます。
counsel-waiting-handed_over = ほかの｜相談員《そうだんいん》に、かわります。｜少《すこ》しだけ｜待《ま》ってください。
counsel-no_counselor = いまは｜相談員《そうだんいん》がいません
counsel-no_counselor-body = あなたのお｜願《ねが》いは、このまま｜残《のこ》ります。｜相談員《そうだんいん》が｜来《き》たら、｜知《し》らせます。｜急《いそ》ぐときは、｜下《した》にある｜相談《そうだん》できるところにも、｜連絡《れんらく》できます。
counsel-next_on_duty = ｜次《つぎ》に｜相談員《そうだんいん》が｜来《く》るのは、{ $time }です。あなたのお｜願《ねが》いは、このまま｜残《のこ》ります。｜相談員《そうだんいん》が｜来《き》たら、｜知《し》らせます。
counsel-cancel = お｜願《ねが》いをやめる
counsel-connected = ｜相談員《そうだんいん》とつながりました。
counsel-open_room = ｜相談員《そうだんいん》との｜部屋《へや》へ
counsel-room_title = ｜相談員《そうだんいん》との｜部屋《へや》
counsel-end = ｜相談《そうだん》を｜終《お》わる
counsel-ended = ｜相談《そうだん》が｜終《お》わりました。｜話《はな》してくれて、ありがとうございました。
counsel-cancelled = お｜願《ねが》いをやめました。また、いつでも｜相談《そうだん》できます。
counsel-declined = ｜今回《こんかい》は、やめました。また、いつでも｜相談《そうだん》できます。
counsel-dismiss = ｜閉《と》じる

## consent
consent-title = ｜相談員《そうだんいん》と｜話《はな》してみますか
consent-body = スタッフが、｜相談員《そうだんいん》と｜話《はな》すことを、すすめています。｜相談員《そうだんいん》は、｜話《はなし》を｜聞《き》く｜仕事《しごと》の｜人《ひと》です。｜相談員《そうだんいん》に｜伝《つた》わるのは、｜下《した》に｜残《のこ》したメッセージだけです。｜全部《ぜんぶ》｜外《はず》しても、いいです。ことわっても、ほかの｜人《ひと》には｜伝《つた》わりません。
consent-remove = ｜外《はず》す
consent-removed = （｜外《はず》しました）
consent-nothing = ｜相談員《そうだんいん》には、｜何《なに》も｜見《み》せません。
consent-accept = ｜相談員《そうだんいん》と｜話《はな》す
consent-decline = ｜今回《こんかい》はやめる

## console
console-open = ｜相談員《そうだんいん》の｜画面《がめん》
console-title = ｜相談員《そうだんいん》の｜画面《がめん》
console-duty_on = ｜受付《うけつけ》をはじめる
console-duty_off = ｜受付《うけつけ》を｜終《お》わる
console-on_duty = いま、｜相談《そうだん》を｜受《う》けています。
console-off_duty = いまは、｜相談《そうだん》を｜受《う》けていません。
console-queue = ｜待《ま》っているお｜願《ねが》い
console-queue_empty = いまは、｜待《ま》っている｜人《ひと》はいません。
console-waited = { $n }｜分《ふん》｜待《ま》ち
console-urgency-urgent = ｜急《いそ》ぎ
console-urgency-normal = ふつう
console-from-participant = ｜本人《ほんにん》から
console-from-facilitator = ファシリテーターから
console-from-crisis = とてもつらい｜言葉《ことば》のあとで
console-lobby = ｜部屋《へや》のリストから
console-claim = ｜受《う》ける
console-urgent = ｜急《いそ》ぎ: 「{ $room }」で、｜相談員《そうだんいん》が｜必要《ひつよう》かもしれません（｜本人《ほんにん》は、まだ「いい」と｜言《い》っていません）。
console-go_to_room = ｜部屋《へや》へ｜行《い》く
console-mute = ｜音《おと》を｜消《け》す
console-unmute = ｜音《おと》を｜出《だ》す
console-cases = いま｜受《う》けている｜相談《そうだん》
console-case_handle = ｜相手《あいて》: { $handle }
console-excerpt = ｜本人《ほんにん》が｜見《み》せたメッセージ
console-excerpt_none = ｜本人《ほんにん》が｜見《み》せたメッセージは、ありません。
console-chat = ふたりだけの｜部屋《へや》を｜開《ひら》く
console-hand_over = ほかの｜相談員《そうだんいん》に、かわってもらう
console-outcome = ｜結果《けっか》
console-end = ｜相談《そうだん》を｜終《お》わる
console-back = ｜部屋《へや》のリストへ

## outcome
outcome-talked = ｜話《はなし》ができた
outcome-referred = ほかの｜相談《そうだん》できるところを｜教《おし》えた
outcome-no_contact = ｜連絡《れんらく》がとれなかった
outcome-other = そのほか

## mod
mod-escalate = ｜相談員《そうだんいん》につなぐ
mod-escalate_urgent = ｜急《いそ》いで｜相談員《そうだんいん》につなぐ

## escalation
escalation-title = ｜相談員《そうだんいん》につないだ｜人《ひと》
escalation-asked = { $handle }: ｜本人《ほんにん》の｜答《こた》えを｜待《ま》っています
escalation-queued = { $handle }: ｜相談員《そうだんいん》を｜待《ま》っています
escalation-not_going_ahead = { $handle }: ｜今回《こんかい》は、つなぎません
escalation-with_counselor = { $handle }: ｜相談員《そうだんいん》と｜話《はな》しています
escalation-ended = { $handle }: ｜終《お》わりました

## room
room-deleted = スタッフが、このメッセージを｜消《け》しました
room-topic = いまのテーマ: { $topic }
room-locked = いまは、｜聞《き》くだけの｜時間《じかん》です。「うん」「いいね」などのボタンは｜使《つか》えます。
room-unattended = いまは、スタッフがいません。だから、｜聞《き》くだけの｜時間《じかん》です。スタッフが｜来《き》たら、｜話《はな》せます。
room-slow_mode = ゆっくり｜話《はな》す｜時間《じかん》です（{ $n }｜秒《びょう》に1｜回《かい》まで）。

## sanction
sanction-muted = しばらく、この｜部屋《へや》には｜書《か》けません（{ $time }まで）。｜読《よ》むことはできます。「うん」「いいね」などのボタンも｜使《つか》えます。
sanction-unmuted = また｜書《か》けるようになりました。
sanction-removed = スタッフが｜決《き》めて、あなたはこの｜部屋《へや》から｜出《で》ることになりました。ほかの｜部屋《へや》は｜使《つか》えます。

## report
report-open = スタッフに｜知《し》らせる
report-title = このメッセージのことを、スタッフに｜知《し》らせる
report-reason = ｜理由《りゆう》
report-reason-harassment = いやがらせ・こわい｜言葉《ことば》
report-reason-personal_info = ｜住所《じゅうしょ》や｜電話番号《でんわばんごう》など（｜個人情報《こじんじょうほう》）
report-reason-spam = ｜宣伝《せんでん》・さそい
report-reason-self_harm = この｜人《ひと》が｜自分《じぶん》を｜傷《きず》つけそうで｜心配《しんぱい》
report-reason-other = そのほか
report-note = ひとこと（｜書《か》かなくても、いいです）
report-send = ｜送《おく》る
report-cancel = やめる
report-received = ｜知《し》らせてくれて、ありがとうございます。スタッフが｜見《み》ます。あなたの｜名前《なまえ》は、だれにも｜伝《つた》わりません。
report-outcome-message_deleted = あなたが｜知《し》らせたメッセージを、スタッフが｜消《け》しました。
report-outcome-muted = あなたが｜知《し》らせた｜人《ひと》は、しばらく｜書《か》けなくなりました。
report-outcome-removed = あなたが｜知《し》らせた｜人《ひと》は、｜部屋《へや》から｜出《で》ることになりました。
report-outcome-no_action = あなたの｜知《し》らせを、スタッフが｜見《み》ました。｜今回《こんかい》は、｜何《なに》もしなくていいと｜決《き》めました。

## hide
hide-person = この｜人《ひと》のメッセージを｜見《み》えなくする
hide-hidden = { $handle }さんのメッセージ{ $n }｜件《けん》を、｜見《み》えなくしています（このスマホ・パソコンだけ）
hide-show = ｜見《み》る

## pi
pi-title = ｜電話番号《でんわばんごう》や、｜連絡先《れんらくさき》（メールなど）のようです。｜送《おく》ると、あなたがだれか、わかるかもしれません。
pi-send = このまま｜送《おく》る
pi-edit = ｜書《か》きなおす

## support
support-title = ｜話《はな》してくれて、ありがとう
support-body = つらい｜気持《きも》ちを、｜聞《き》いてくれるところがあります。このお｜知《し》らせは、あなたにだけ｜見《み》えています。
support-open = いま｜開《あ》いています
support-closed = いまは｜閉《し》まっています
support-close = ｜閉《と》じる

## mod
mod-menu = スタッフのメニュー
mod-delete = ｜消《け》す
mod-mute = { $mute_minutes }｜分《ふん》｜書《か》けなくする
mod-remove = ｜部屋《へや》から｜出《で》てもらう
mod-report_details = ｜知《し》らせのくわしいこと
mod-controls = ｜部屋《へや》の｜見守《みまも》り
mod-lock = ｜書《か》くのを｜止《と》める
mod-unlock = また｜書《か》けるようにする
mod-slow = ゆっくりにする（{ $slow_seconds }｜秒《びょう》）
mod-slow_off = ゆっくりをやめる
mod-topic = テーマ
mod-topic_set = テーマを｜決《き》める
mod-close = いま｜終《お》わりにする

## desk
desk-title = ｜注意《ちゅうい》と｜知《し》らせ
desk-empty = いまは、ありません。
desk-alert-flagged = ｜気《き》をつけたほうがいいかもしれないメッセージ（{ $rule }）
desk-alert-trial = ためしているルールに｜当《あ》たったメッセージ（{ $rule }）
desk-alert-crisis = つらい｜気持《きも》ちを｜書《か》いたメッセージです。｜書《か》いた｜人《ひと》にだけ、｜相談《そうだん》できるところを｜見《み》せました。
desk-report = ｜知《し》らせ: { $reason }
desk-note = ひとこと: { $note }
desk-dismiss = ｜見《み》た
desk-resolve-message_deleted = メッセージを｜消《け》した
desk-resolve-muted = ｜書《か》けなくした
desk-resolve-removed = ｜部屋《へや》から｜出《で》てもらった
desk-resolve-no_action = ｜何《なに》もしない

## audit
audit-open = ｜記録《きろく》
audit-title = ｜記録《きろく》（{ $audit_days }｜日《にち》｜分《ぶん》）
audit-empty = ｜記録《きろく》は、ありません。
audit-at = いつ
audit-actor = だれが
audit-action = したこと
audit-room = ｜部屋《へや》
audit-target = ｜相手《あいて》
audit-reason = ｜理由《りゆう》
audit-desk = ｜窓口《まどぐち》

## staff
staff-signed_out = スタッフのアカウントが｜変《か》わりました。だから、サインアウトしました。もう｜一度《いちど》サインインしてください。

## ask
ask-cancel = やめる
ask-delete-title = このメッセージを｜消《け》しますか？
ask-delete-body = みんなの｜画面《がめん》から｜消《き》えます。だれが｜消《け》したかは、｜見《み》えません。もとにはもどせません。
ask-delete-do = ｜消《け》す
ask-mute-title = { $handle }さんを{ $mute_minutes }｜分《ふん》｜書《か》けなくしますか？
ask-mute-body = { $mute_minutes }｜分《ふん》のあいだ、｜書《か》けなくなります（｜聞《き》くことと、「うん」などのボタンは｜使《つか》えます）。｜本人《ほんにん》にだけ｜伝《つた》わります。あとで、やめることができます。
ask-mute-do = { $mute_minutes }｜分《ふん》｜書《か》けなくする
ask-remove-title = { $handle }さんに、｜部屋《へや》から｜出《で》てもらいますか？
ask-remove-body = すぐに｜部屋《へや》から｜出《で》てもらいます。この｜部屋《へや》の｜時間《じかん》が｜終《お》わるまで、｜入《はい》れません（いつも｜開《あ》いている｜部屋《へや》では、{ $removal_hours }｜時間《じかん》）。もとにはもどせません。
ask-remove-do = ｜部屋《へや》から｜出《で》てもらう
ask-escalate-title = { $handle }さんに、｜相談員《そうだんいん》をすすめますか？
ask-escalate-body = まず、｜本人《ほんにん》に｜聞《き》きます。｜見《み》せるメッセージは、｜本人《ほんにん》が｜選《えら》びます。ことわることもできます。
ask-escalate-do = ｜本人《ほんにん》に｜聞《き》く
ask-close-title = この｜部屋《へや》を、いま｜終《お》わりにしますか？
ask-close-body = みんなが｜部屋《へや》から｜出《で》ます。ここで｜話《はな》したことは、｜全部《ぜんぶ》｜消《き》えます。もとにはもどせません。
ask-close-do = いま｜終《お》わりにする
ask-counselor-title = ｜相談員《そうだんいん》と｜話《はな》しますか？
ask-counselor-body = ｜相談員《そうだんいん》は、｜話《はなし》を｜聞《き》く｜仕事《しごと》の｜人《ひと》です。あなたと｜相談員《そうだんいん》の、ふたりだけで｜話《はな》せます。｜登録《とうろく》はいりません。｜名前《なまえ》は、ここでの｜名前《なまえ》のままです。｜待《ま》っているあいだも、｜部屋《へや》で｜聞《き》いたり、｜話《はな》したりできます。いつでも、やめられます。
ask-counselor-do = ｜相談員《そうだんいん》を｜呼《よ》ぶ
ask-end_conversation-title = ｜相談《そうだん》を｜終《お》わりますか？
ask-end_conversation-body = ｜相談員《そうだんいん》との｜部屋《へや》は、｜閉《し》まります。そこで｜話《はな》したことは、｜消《き》えます。また｜話《はな》したくなったら、いつでも｜呼《よ》べます。
ask-end_conversation-do = ｜相談《そうだん》を｜終《お》わる
ask-end_case-title = ｜相談《そうだん》を｜終《お》わりますか？
ask-end_case-body = ｜結果《けっか》は「{ $outcome }」で｜終《お》わります。ふたりだけの｜部屋《へや》は、｜閉《し》まります。そこで｜話《はな》したことは、｜消《き》えます。
ask-end_case-do = ｜相談《そうだん》を｜終《お》わる
ask-hand_over-title = ほかの｜相談員《そうだんいん》に、かわってもらいますか？
ask-hand_over-body = ふたりだけの｜部屋《へや》は、｜閉《し》まります。｜本人《ほんにん》は、いちばん｜前《まえ》で、もう｜一度《いちど》｜待《ま》ちます。｜本人《ほんにん》が｜見《み》せたメッセージは、｜次《つぎ》の｜相談員《そうだんいん》に｜伝《つた》わります。
ask-hand_over-do = かわってもらう
ask-dismiss_alert-title = この｜注意《ちゅうい》を「｜見《み》た」にしますか？
ask-dismiss_alert-body = この｜部屋《へや》のスタッフ｜全員《ぜんいん》の｜画面《がめん》から、｜消《き》えます。あとから｜来《く》るスタッフにも、｜見《み》えません。
ask-dismiss_alert-do = 「｜見《み》た」にする

## menu
menu-open = { $handle }さんのメッセージのメニュー
menu-title = { $handle }さんのメッセージ
menu-read_aloud = ｜声《こえ》で｜読《よ》む
menu-react = ｜気持《きも》ちを｜送《おく》る
menu-close = ｜閉《と》じる

## room
room-menu = メニュー
room-info_label = いまの｜部屋《へや》のようす

## entry
entry-audience_in_session = ｜本人《ほんにん》の｜部屋《へや》と、｜家族《かぞく》の｜部屋《へや》は、｜別《べつ》です。この｜部屋《へや》に｜入《はい》るには、まず、いま｜入《はい》っている｜部屋《へや》から、｜全部《ぜんぶ》｜出《で》てください。それから、｜入《はい》るときに「｜家族《かぞく》のこと」か「｜自分《じぶん》のこと」を、｜選《えら》びなおしてください。

## room
room-back = ｜部屋《へや》のリストへ（この｜部屋《へや》には、いたまま）
room-new_messages = ｜新《あたら》しいメッセージ（{ $n }）

## report
report-private = ｜知《し》らせは、この｜部屋《へや》のスタッフにだけ｜届《とど》きます。あなたが｜知《し》らせたことは、だれにも｜伝《つた》わりません。

## staff
staff-panel = ファシリテーターのボタン

## done
done-deleted = メッセージを｜消《け》しました。
done-muted = { $handle }さんを、{ $mute_minutes }｜分《ふん》｜書《か》けなくしました。
done-unmuted = { $handle }さんは、また｜書《か》けるようになりました。
done-removed = { $handle }さんに、｜部屋《へや》から｜出《で》てもらいました。
done-undo = もとにもどす
done-close = ｜閉《と》じる

## muted
muted-title = いま｜書《か》けない｜人《ひと》
muted-until = { $handle }さん（{ $time }まで）
muted-lift = また｜書《か》けるようにする

## desk
desk-waiting = { $n }｜件《けん》
desk-writer = { $handle }さん:
desk-show_message = メッセージを｜見《み》る
desk-message_gone = メッセージは、もう｜見《み》えません

## counsel
counsel-write_here = ここに｜書《か》く
counsel-no_counselor-lines = ｜急《いそ》ぐときは、ここにも｜相談《そうだん》できます。
counsel-parting = また、いつでも｜来《き》てください。｜話《はな》したくなったら、いつでも｜相談員《そうだんいん》を｜呼《よ》べます。
counsel-parting-lines = ｜相談《そうだん》できるところ

## support
support-more_lines = ほかの｜相談《そうだん》できるところ

## console
console-back_to_console = ｜相談員《そうだんいん》の｜画面《がめん》へ
console-outcome_choose = ｜選《えら》んでください
console-outcome_recorded = ｜結果《けっか》を｜記録《きろく》しました。
console-person_gone = （｜部屋《へや》から｜出《で》た｜人《ひと》）
console-person_left = { $handle }さんが、｜相談《そうだん》を｜終《お》わりました。｜結果《けっか》を｜記録《きろく》してください。
console-record = ｜結果《けっか》を｜記録《きろく》する
console-urgent_waiting = ｜急《いそ》ぎのお｜願《ねが》いが、｜待《ま》っています。

## settings
settings-theme = ｜画面《がめん》の｜明《あか》るさ

## theme
theme-auto = スマホ・パソコンに｜合《あ》わせる
theme-light = ｜明《あか》るい
theme-dark = ｜暗《くら》い

## neutral
neutral-title_new = メモ（1）

## watch
watch-ask = ｜開《あ》いたら｜知《し》らせる
watch-on = ｜開《あ》いたら｜知《し》らせます（やめる）
watch-hint = このタブを｜開《ひら》いているあいだだけ、｜部屋《へや》が｜開《あ》いたら、ここで｜知《し》らせます。｜何《なに》も｜残《のこ》しません。
watch-calendar = カレンダーに｜入《い》れる（.ics）
watch-opened = 「{ $room }」が｜開《あ》きました。
watch-tab_title = （｜開《あ》きました）{ $title }

## when
when-today = ｜今日《きょう》 { $time }
when-tomorrow = ｜明日《あした》 { $time }
when-day = { $date } { $time }
when-date = { $month }/{ $day }（{ $weekday ->
    [0] ｜日《にち》
    [1] ｜月《げつ》
    [2] ｜火《か》
    [3] ｜水《すい》
    [4] ｜木《もく》
    [5] ｜金《きん》
   *[6] ｜土《ど》
}）
when-with_left = { $when }（{ $left }）

## audit
audit-actor-system = ｜自動《じどう》の｜見守《みまも》り
audit-actor-participant = ｜参加《さんか》した｜人《ひと》
audit-actor-facilitator = ファシリテーター
audit-actor-counselor = ｜相談員《そうだんいん》
audit-actor-admin = ｜管理者《かんりしゃ》
audit-actor-supervisor = スーパーバイザー
audit-action-sign_in = サインイン
audit-action-delete = メッセージを｜消《け》した
audit-action-mute = ｜書《か》けなくした
audit-action-unmute = その｜人《ひと》が、また｜書《か》けるようにした
audit-action-remove = ｜部屋《へや》から｜出《で》てもらった
audit-action-slow_mode = ゆっくりにした
audit-action-lock = ｜部屋《へや》で｜書《か》くのを｜止《と》めた
audit-action-unlock = ｜部屋《へや》で、また｜書《か》けるようにした
audit-action-topic = テーマを｜決《き》めた
audit-action-close = ｜部屋《へや》を、いま｜終《お》わりにした
audit-action-report = ｜知《し》らせ
audit-action-resolve_report = ｜知《し》らせに｜答《こた》えた
audit-action-dismiss_alert = ｜注意《ちゅうい》を｜見《み》た
audit-action-block = ｜自動《じどう》で｜止《と》めたメッセージ
audit-action-flag = ｜自動《じどう》の｜注意《ちゅうい》
audit-action-trial = ためしているルール
audit-action-crisis = つらい｜言葉《ことば》
audit-action-escalate = ｜相談員《そうだんいん》をすすめた
audit-action-claim = ｜相談《そうだん》を｜受《う》けた
audit-action-hand_over = ｜相談《そうだん》を、かわってもらった
audit-action-end_case = ｜相談《そうだん》を｜終《お》わった
audit-action-transfer = ｜別《べつ》の｜窓口《まどぐち》につないだ
audit-action-observe = スーパーバイザーが｜一緒《いっしょ》にいた
audit-action-decline_observer = ｜一緒《いっしょ》にいるのを｜断《ことわ》った
audit-action-ask_supervisor = スーパーバイザーを｜呼《よ》んだ
audit-reason-message_deleted = メッセージを｜消《け》した
audit-reason-muted = ｜書《か》けなくした
audit-reason-removed = ｜部屋《へや》から｜出《で》てもらった
audit-reason-no_action = ｜何《なに》もしない
audit-reason-crisis = つらい｜言葉《ことば》
audit-reason-abuse = ひどい｜言葉《ことば》
audit-reason-discrimination = ｜差別《さべつ》
audit-reason-sexual = ｜性《せい》についての｜話《はなし》
audit-reason-contact = ｜連絡先《れんらくさき》を｜教《おし》えあう
audit-reason-solicitation = さそい
audit-reason-medication = ｜薬《くすり》
audit-reason-dismissive = ｜冷《つめ》たい｜言葉《ことば》

## voice (the participants' voice)
voice-title = きょうは、どうでしたか
voice-about-room = 「{ $room }」のこと
voice-about-counselor = ｜相談員《そうだんいん》と｜話《はな》したこと
voice-about-service = この｜場所《ばしょ》のこと
voice-rating-1 = つらかった
voice-rating-2 = ｜少《すこ》しつらかった
voice-rating-3 = ふつう
voice-rating-4 = よかった
voice-rating-label = 4つの｜中《なか》から、1つ｜選《えら》んでください（1 つらかった … 4 よかった）
voice-comment = ひとこと（｜書《か》かなくても、いいです。{ $max }｜文字《もじ》まで）
voice-anonymous = あなたがだれか、わかりません。あなたが｜話《はな》したことや、あなたの｜名前《なまえ》とは、つながりません。
voice-send = ｜送《おく》る
voice-send-anyway = このまま｜送《おく》る
voice-dismiss = ｜答《こた》えない
voice-thanks = ｜答《こた》えてくれて、ありがとうございました。
settings-visited = ｜次《つぎ》に｜来《く》るときのために、「｜前《まえ》に｜来《き》た」という｜印《しるし》を、このスマホ・パソコンに｜残《のこ》す
settings-visited-hint = ｜印《しるし》は、このブラウザの｜中《なか》だけに｜残《のこ》ります。「すぐに｜閉《と》じる」を｜押《お》すと、｜消《き》えます。Ibashoに｜伝《つた》わるのは、はじめて｜来《き》たかどうか、だけです。

## figures (usage figures, admins)
figures-open = ｜使《つか》われた｜数《かず》
figures-title = ｜使《つか》われた｜数《かず》
figures-year = ｜年度《ねんど》
figures-loading = ｜待《ま》ってください…
figures-failed = ｜出《だ》せませんでした。｜管理者《かんりしゃ》としてサインインしているか、たしかめてください。
figures-download = CSVをダウンロードする
figures-month = ｜月《つき》
figures-this-year = ｜今年度《こんねんど》
figures-year-before = ｜前《まえ》の｜年度《ねんど》
figures-small = { $k }より｜少《すく》ない
figures-withheld = ｜見《み》せない
figures-total = ｜合計《ごうけい》
figures-previous = ｜前《まえ》の｜年度《ねんど》の｜合計《ごうけい》
figures-all = ｜全部《ぜんぶ》の｜数《かず》
figures-all-rooms = ｜全部《ぜんぶ》の｜部屋《へや》
figures-figure = ｜何《なに》の｜数《かず》
figures-room = ｜部屋《へや》
figures-detail = くわしく
figures-chart = { $figure }（｜月《つき》ごとの｜棒《ぼう》。｜線《せん》は｜前《まえ》の｜年度《ねんど》）
figures-threshold = { $k }より｜少《すく》ない｜数《かず》は、「{ $k }より｜少《すく》ない」と｜書《か》いています。そこから｜計算《けいさん》すると｜分《わ》かってしまう｜数《かず》は、「｜見《み》せない」にしています。
figure-visits = ｜居場所《いばしょ》に｜来《き》た｜数《かず》（のべ）
figure-listening_visits = そのうち、｜聞《き》くだけだった｜数《かず》
figure-first_visits = はじめて｜来《き》た｜数《かず》
figure-messages = メッセージ
figure-staff_messages = スタッフのメッセージ
figure-reactions = リアクション
figure-peak_presence = いちばん｜多《おお》いときの｜人数《にんずう》
figure-sittings = ｜会《かい》をした｜回数《かいすう》
figure-family_attendance = ｜家族《かぞく》の｜会《かい》に｜来《き》た｜人《ひと》（のべ）
figure-programme_attendance = ｜仲間《なかま》の｜会《かい》に｜来《き》た｜人《ひと》（のべ）
figure-counselor_requests = ｜相談員《そうだんいん》を｜呼《よ》んだ｜数《かず》
figure-consents_given = ｜相談員《そうだんいん》に｜見《み》せていい、と｜答《こた》えた｜数《かず》
figure-consents_declined = ｜相談員《そうだんいん》に｜見《み》せない、と｜答《こた》えた｜数《かず》
figure-cases = ｜相談《そうだん》を｜受《う》けた｜数《かず》（のべ）
figure-outcomes = ｜相談《そうだん》の｜結果《けっか》
figure-wait_median_seconds = ｜相談《そうだん》まで｜待《ま》った｜時間《じかん》（まんなかの｜人《ひと》・｜秒《びょう》）
figure-wait_p90_seconds = ｜相談《そうだん》まで｜待《ま》った｜時間《じかん》（90パーセンタイル・｜秒《びょう》）
figure-moderation_actions = スタッフがしたこと
figure-reports = スタッフへの｜知《し》らせ
figure-report_outcomes = ｜知《し》らせのあと、スタッフがしたこと
figure-automatic = ｜自動《じどう》の｜見守《みまも》り
figures-voice-open = ｜参加《さんか》した｜人《ひと》の｜声《こえ》

## voices (admin)
voices-title = ｜参加《さんか》した｜人《ひと》の｜声《こえ》
voices-month = ｜月《つき》
voices-ratings = どれを｜選《えら》んだか
voices-answers = ｜答《こた》えた｜人《ひと》
voices-comments = ｜届《とど》いたコメント（｜順番《じゅんばん》は、ばらばらにしています）
voices-held = コメントが、まだ{ $k }｜件《けん》より｜少《すく》ないです。｜集《あつ》まるまで、しまっておきます。
voices-none = この｜月《つき》の｜声《こえ》は、まだありません。
voices-about-room = ｜部屋《へや》
voices-about-counselor = ｜相談員《そうだんいん》と｜話《はな》したこと
voices-about-service = この｜場所《ばしょ》のこと

## desks: the routing questions, transfer, supervision (issue 19)
counsel-route-why = ｜答《こた》えると、あなたに｜合《あ》う｜相談《そうだん》の｜窓口《まどぐち》に、｜早《はや》くつながります。｜答《こた》えなくても、いいです。
counsel-route-about = だれのことですか
counsel-route-unsaid = ｜答《こた》えない
counsel-route-self = ｜自分《じぶん》のこと
counsel-route-family = ｜家族《かぞく》のこと
counsel-route-age = ｜相談《そうだん》したい｜人《ひと》の｜年《とし》
counsel-route-young = 15〜39｜歳《さい》
counsel-route-middle = 40〜64｜歳《さい》
counsel-route-older = 65｜歳《さい》より｜上《うえ》
counsel-desk = ｜相談《そうだん》の｜窓口《まどぐち》: { $desk }
counsel-transferred = 「{ $desk }」の｜人《ひと》に、つなぎます
counsel-transferred-unnamed = ほかの｜窓口《まどぐち》の｜人《ひと》に、つなぎます
counsel-transferred-shared = あなたが｜話《はな》したことは、そのまま｜伝《つた》わります。｜同《おな》じことを、もう｜一度《いちど》｜話《はな》さなくて、いいです。
counsel-observer = スーパーバイザー（｜相談員《そうだんいん》を｜助《たす》ける｜人《ひと》）が、この｜部屋《へや》にいます
counsel-observer-body = いてほしくないときは、いつでも｜出《で》てもらえます。
counsel-observer-decline = ｜出《で》てもらう
counsel-observer_left = スーパーバイザーは、｜部屋《へや》から｜出《で》ました。
console-arrived = ｜相談《そうだん》のお｜願《ねが》いが｜来《き》ました。
console-arrived_urgent = ｜急《いそ》ぎの｜相談《そうだん》のお｜願《ねが》いが｜来《き》ました。
console-observer = スーパーバイザーが、｜部屋《へや》にいます。
console-observer_left = スーパーバイザーが、｜部屋《へや》から｜出《で》ました。
console-transferred = ほかの｜窓口《まどぐち》から
console-note = ｜伝《つた》えること: { $note }
console-parked = 「{ $desk }」には、いま｜相談員《そうだんいん》がいません。｜相談《そうだん》は、そこで｜待《ま》ちます。ほかの｜窓口《まどぐち》を｜選《えら》ぶこともできます。
console-transfer = ほかの｜窓口《まどぐち》につなぐ
console-transfer-note = ｜伝《つた》えること（｜相談員《そうだんいん》だけが｜読《よ》みます。{ $max }｜文字《もじ》まで。なくても、いいです）
console-transfer-to = 「{ $desk }」につなぐ
console-ask_supervisor = スーパーバイザーを｜呼《よ》ぶ
console-supervisor_asked = スーパーバイザーを｜呼《よ》びました。
console-notify = ｜知《し》らせを｜受《う》け｜取《と》る
console-notify_refused = このブラウザでは、｜知《し》らせを｜出《だ》せません。ブラウザの｜設定《せってい》で、｜出《だ》せるようにできます。
console-replies = きまった｜文《ぶん》
console-replies-search = ｜題名《だいめい》でさがす
console-replies-hint = ｜選《えら》ぶと、｜書《か》くところに｜入《はい》ります。｜送《おく》る｜前《まえ》に、｜直《なお》せます。
whisper-title = ささやき（｜本人《ほんにん》には｜届《とど》きません）
whisper-label = ささやくこと（{ $max }｜文字《もじ》まで）
whisper-send = ささやく
whisper-heard = { $from }のささやき: { $text }
supervision-open = スーパーバイザーの｜画面《がめん》
supervision-title = スーパーバイザーの｜画面《がめん》
supervision-on_duty = いま、｜見守《みまも》っています。
supervision-off_duty = いまは、｜見守《みまも》っていません。
supervision-duty_on = ｜見守《みまも》りをはじめる
supervision-duty_off = ｜見守《みまも》りを｜終《お》わる
supervision-call = 「{ $desk }」の｜相談員《そうだんいん》が、｜助《たす》けを｜求《もと》めています（{ $n }｜分《ふん》｜前《まえ》から）。
supervision-observe = ｜部屋《へや》に｜入《はい》る
supervision-observing = ｜部屋《へや》にいます
supervision-desks = ｜窓口《まどぐち》ごとのようす
supervision-desk_default = ｜相談《そうだん》の｜窓口《まどぐち》
supervision-queue = ｜待《ま》っている｜人《ひと》: { $n }｜人《にん》
supervision-oldest = いちばん｜長《なが》く｜待《ま》っている｜人《ひと》: { $n }｜分《ふん》
supervision-counselors = ｜相談《そうだん》を｜受《う》けている｜相談員《そうだんいん》: { $n }｜人《にん》
supervision-open_cases = ｜相談員《そうだんいん》ごとの、いまの｜相談《そうだん》: { $list }｜件《けん》
supervision-cases = いまの｜相談《そうだん》
supervision-cases_none = いまは、｜相談《そうだん》はありません。
supervision-waiting = ｜待《ま》っています（{ $n }｜分《ふん》）
supervision-connected = ｜相談員《そうだんいん》と｜話《はな》しています（{ $n }｜分《ふん》）
supervision-help_asked = ｜助《たす》けを｜求《もと》めています
supervision-stop = ｜部屋《へや》から｜出《で》る
supervision-stopped = ｜部屋《へや》から｜出《で》ました。
supervision-read_only = ｜見《み》ているだけです。ここには｜書《か》けません。｜相談員《そうだんいん》には、ささやきで｜伝《つた》えられます。
supervision-back_to_console = スーパーバイザーの｜画面《がめん》へ
