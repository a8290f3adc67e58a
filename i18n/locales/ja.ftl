# Ibasho — 日本語（既定）: calm, plain, polite (です・ます), short sentences.
#
# Every sentence of the app, once: the server and the web both read this file. Message ids
# are `area-what`; arguments are `{ $name }` and come from the code (numbers the server owns
# — limits, minutes — are always arguments, never written here). Furigana: `｜漢字《かんじ》`.
# Keep every message of this file in `en.ftl` and `ja-yasashii.ftl` too (tests/check.rs).


## app
app-name = Ibasho（｜居場所《いばしょ》）
app-tagline = オンラインの｜居場所《いばしょ》
app-loading = ｜読《よ》み｜込《こ》んでいます…
app-skip = ｜本文《ほんぶん》へ｜移動《いどう》

## lobby
lobby-welcome-title = ようこそ
lobby-welcome-body = ここは、ひきこもりの｜経験《けいけん》のある｜人《ひと》やその｜家族《かぞく》が、｜名前《なまえ》を｜明《あ》かさずに｜過《す》ごせるオンラインの｜居場所《いばしょ》です。｜登録《とうろく》はいりません。ここでの｜名前《なまえ》（ハンドル）は、どこにもつながっていません。ここで｜話《はな》したことは、セッションが｜終《お》わると｜消《き》えます。｜話《はな》しても、ただ｜聞《き》いているだけでも｜大丈夫《だいじょうぶ》です。
lobby-open_now = いま｜開《あ》いている｜部屋《へや》
lobby-closed_now = いまは｜閉《し》まっている｜部屋《へや》
lobby-none_open = いま｜開《あ》いている｜部屋《へや》はありません。
lobby-present = いま{ $n }｜人《にん》
lobby-capacity = ｜定員《ていいん》{ $n }｜人《にん》
lobby-enter = ｜入《はい》る
lobby-full = ｜満員《まんいん》です
lobby-closed = ｜閉《し》まっています
lobby-until = { $time } まで
lobby-loading = ｜部屋《へや》の｜一覧《いちらん》を｜読《よ》み｜込《こ》んでいます…
lobby-load_failed = ｜部屋《へや》の｜一覧《いちらん》を｜読《よ》み｜込《こ》めませんでした。｜少《すこ》しして、もう｜一度《いちど》お｜試《ため》しください。
lobby-retry = もう｜一度《いちど》｜読《よ》み｜込《こ》む
lobby-for = ｜対象《たいしょう》
lobby-rooms_label = ｜部屋《へや》の｜一覧《いちらん》

## kind
kind-themed = テーマの｜部屋《へや》
kind-family = ｜家族《かぞく》の｜会《かい》
kind-programme = ピアプログラム

## audience
audience-themed = ｜本人《ほんにん》｜向《む》け
audience-family = ｜家族《かぞく》｜向《む》け
audience-anyone = どなたでも

## entry
entry-word-label = ｜合言葉《あいことば》

## week
week-open = ｜今週《こんしゅう》の｜予定《よてい》を｜見《み》る
week-title = これから1｜週間《しゅうかん》の｜予定《よてい》
week-none = この1｜週間《しゅうかん》に｜予定《よてい》されている｜回《かい》はありません。いつでも｜開《あ》いている｜部屋《へや》があります。
week-failed = ｜予定《よてい》を｜読《よ》み｜込《こ》めませんでした。｜少《すこ》ししてからもう｜一度《いちど》どうぞ。
week-calendar = カレンダーに｜追加《ついか》する（.ics）
week-calendar_hint = スマートフォンのカレンダーに｜予定《よてい》を｜入《い》れられます。｜登録《とうろく》は｜必要《ひつよう》なく、あなたのことは｜何《なに》も｜送《おく》られません。

## programme
programme-age_band = ｜目安《めやす》: { $band }
programme-facilitators = ピアスタッフ: { $names }
programme-now = いまは「{ $segment }」
programme-agenda = この｜回《かい》の｜流《なが》れ

## error
error-staff_login_refused = スタッフ｜名《めい》かパスワードが｜違《ちが》います。
error-forbidden = これはスタッフだけができる｜操作《そうさ》です。
error-not_your_turn = いまは｜順番《じゅんばん》に｜話《はな》しています。あなたの｜番《ばん》が｜来《き》たら｜話《はな》せます。リアクションはいつでもできます。
error-not_now = いまはその｜操作《そうさ》はできません（｜早《はや》く｜開《あ》けるのは{ $leeway }｜分前《ふんまえ》から、｜延長《えんちょう》は｜終了後《しゅうりょうご》{ $leeway }｜分《ふん》まで）。

## round
round-your_turn = あなたの｜番《ばん》です。｜話《はな》しても、パスしても｜大丈夫《だいじょうぶ》です。
round-yours = あなたの｜番《ばん》です（{ $turn }/{ $turns }）。｜話《はな》しても、パスしても｜大丈夫《だいじょうぶ》です。
round-theirs = いまは{ $handle }さんの｜番《ばん》です（{ $turn }/{ $turns }）。
round-wait = ｜順番《じゅんばん》が｜来《き》たら｜話《はな》せます。リアクションはいつでもできます。
round-pass = パスする

## facilitate
facilitate-label = ファシリテーターの｜操作《そうさ》
facilitate-extend = { $extend_minutes }｜分《ふん》｜延長《えんちょう》する
facilitate-previous = ｜前《まえ》の｜区切《くぎ》りへ
facilitate-next = ｜次《つぎ》の｜区切《くぎ》りへ
facilitate-start_round = ｜順番《じゅんばん》に｜話《はな》す（ラウンド｜開始《かいし》）
facilitate-next_turn = ｜次《つぎ》の｜人《ひと》へ
facilitate-end_round = ラウンドを｜終《お》える
facilitate-open_early = ｜早《はや》めに｜開《あ》けて｜入《はい》る

## staff
staff-open = スタッフの｜方《かた》はこちら
staff-title = スタッフのサインイン
staff-body = ファシリテーター・｜相談員《そうだんいん》の｜方《かた》のための｜入口《いりぐち》です。｜参加《さんか》する｜方《かた》はサインインの｜必要《ひつよう》はありません。
staff-name = スタッフ｜名《めい》
staff-password = パスワード
staff-submit = サインイン
staff-signed_in = { $handle } としてサインインしています。
staff-sign_out = サインアウト

## countdown
countdown-now = まもなく

## lobby
lobby-next_open_left = ｜次《つぎ》は { $when } から（{ $left }）

## countdown
countdown-minutes = あと{ $m }｜分《ふん》
countdown-hours = あと{ $h }｜時間《じかん》
countdown-hours_minutes = あと{ $h }｜時間《じかん》{ $m }｜分《ふん》
countdown-days = あと{ $d }｜日《にち》

## lobby
lobby-next_up = ｜次《つぎ》に｜開《あ》くのは「{ $room }」、{ $when }から（{ $left }）

## staff
staff-expired = スタッフのサインインが｜切《き》れました。もう｜一度《いちど》サインインしてください。

## room
room-sitting_note = この｜回《かい》は{ $time }までです。｜終《お》わると、ここで｜話《はな》したことはすべて｜消《き》えます。

## entry
entry-word-hint = この｜部屋《へや》には、｜案内《あんない》のときにお｜伝《つた》えした｜合言葉《あいことば》が｜必要《ひつよう》です。

## error
error-entry_word_refused = ｜合言葉《あいことば》が｜違《ちが》うか、この｜部屋《へや》には｜入《はい》れません。｜案内《あんない》された｜合言葉《あいことば》をもう｜一度《いちど》お｜確《たし》かめください。

## audience
audience-programme = ｜本人《ほんにん》｜向《む》け・ピアスタッフと｜一緒《いっしょ》に

## entry
entry-title = 「{ $room }」に｜入《はい》る
entry-handle-label = ここでの｜名前《なまえ》（ハンドル）
entry-handle-hint = ｜本名《ほんみょう》は｜使《つか》わないでください。{ $handle_max }｜文字《もじ》まで。
entry-handle-another = ほかの｜名前《なまえ》にする
entry-role-label = どんな｜立場《たちば》で｜来《き》ましたか（｜答《こた》えなくても｜大丈夫《だいじょうぶ》です）
entry-listen-label = ｜聞《き》くだけで｜参加《さんか》する（｜無言《むごん》）
entry-listen-hint = ｜書《か》かなくても｜大丈夫《だいじょうぶ》です。ほかの｜人《ひと》には｜人数《にんずう》だけが｜見《み》えます。
entry-submit = ｜入室《にゅうしつ》する
entry-back = ｜一覧《いちらん》にもどる

## role
role-none = ｜答《こた》えない
role-person = ｜本人《ほんにん》
role-family = ｜家族《かぞく》
role-supporter = ｜支援者《しえんしゃ》

## room
room-present = いま{ $n }｜人《にん》がいます
room-leave = ｜退室《たいしつ》する
room-composer-label = メッセージ
room-composer-hint = Enterで｜送信《そうしん》、Shift+Enterで｜改行《かいぎょう》
room-send = ｜送《おく》る
room-listening = ｜聞《き》くだけで｜参加《さんか》しています。｜書《か》きたくなったら、いつでもどうぞ。
room-start_talking = ｜書《か》いてみる
room-stop_talking = ｜聞《き》くだけにする
room-you = あなた
room-empty = まだ｜誰《だれ》も｜話《はな》していません。ゆっくりしていってください。
room-pending = ｜送信《そうしん》｜待《ま》ち
room-failed = ｜送《おく》れませんでした
room-dismiss = ｜消《け》す
room-memory_note = ここには｜最近《さいきん》の｜会話《かいわ》だけが｜残《のこ》り、あなたが｜誰《だれ》かとは｜結《むす》びつきません。
room-messages_label = ｜会話《かいわ》
room-react = { $reaction }で｜反応《はんのう》する
room-announce = { $handle }：{ $text }

## reaction
reaction-nod = うん（うなずき）
reaction-thumbs_up = いいね
reaction-pray = ありがとう
reaction-tea = お｜茶《ちゃ》

## link
link-connecting = つないでいます…
link-reconnecting = ｜接続《せつぞく》が｜切《き》れました。もう｜一度《いちど》つないでいます…｜書《か》いたメッセージは、つながったら｜送《おく》ります。
link-replaced = このセッションは、｜別《べつ》のタブで｜開《ひら》かれています。
link-take_back = このタブで｜続《つづ》ける
link-new_session = サーバーが｜再起動《さいきどう》したため、｜新《あたら》しいセッションで｜入《はい》りなおしました。

## exit
exit-button = すぐに｜閉《と》じる
exit-hint = Escキーを2｜回《かい》｜押《お》しても｜閉《と》じます。

## settings
settings-title = ｜表示《ひょうじ》の｜設定《せってい》
settings-language = ｜言語《げんご》 / Language
settings-text_size = ｜文字《もじ》の｜大《おお》きさ
settings-neutral_title = タブの｜名前《なまえ》を｜目立《めだ》たないものにする
settings-furigana = ｜漢字《かんじ》にふりがなをつける
settings-language_failed = ｜言葉《ことば》を｜読《よ》み｜込《こ》めませんでした。｜少《すこ》ししてからもう｜一度《いちど》どうぞ。

## size
size-normal = ふつう
size-large = ｜大《おお》きい
size-larger = とても｜大《おお》きい

## neutral
neutral-title = メモ

## error
error-bad_request = うまく｜送《おく》れませんでした。ページを｜読《よ》み｜込《こ》みなおしてください。
error-too_long = メッセージが｜長《なが》すぎます。{ $max }｜文字《もじ》までにしてください。
error-rate_limited = ｜少《すこ》し｜間《ま》をあけてください。{ $seconds }｜秒《びょう》ほどでまた｜送《おく》れます。
error-room_full = この｜部屋《へや》はいまいっぱいです。｜少《すこ》し｜時間《じかん》をおいて、また｜来《き》てください。
error-room_closed = この｜部屋《へや》はいまは｜開《あ》いていません。
error-no_such_room = その｜部屋《へや》は｜見《み》つかりませんでした。
error-not_in_room = この｜部屋《へや》にはまだ｜入《はい》っていません。
error-handle_taken = この｜名前《なまえ》は｜部屋《へや》の｜中《なか》ですでに｜使《つか》われています。｜別《べつ》の｜名前《なまえ》にしてください。
error-handle_invalid = この｜名前《なまえ》は｜使《つか》えません。｜見《み》えない｜文字《もじ》や、スタッフと｜間違《まちが》えられる｜名前《なまえ》は｜使《つか》えません。
error-unavailable = ただいま｜混《こ》み｜合《あ》っています。｜少《すこ》し｜待《ま》ってから、もう｜一度《いちど》お｜試《ため》しください。
error-audience_mismatch = ご｜本人《ほんにん》の｜部屋《へや》とご｜家族《かぞく》の｜部屋《へや》は｜分《わ》かれています。｜入《はい》るときに「｜本人《ほんにん》」か「｜家族《かぞく》」を｜選《えら》ぶと、その｜方《ほう》のための｜部屋《へや》に｜入《はい》れます。

## notice
notice-degraded = ただいま｜一時的《いちじてき》に｜不安定《ふあんてい》です。｜読《よ》むことはできますが、｜書《か》いたものは｜回復《かいふく》してから｜送《おく》られます。
notice-restored = ｜元《もと》に｜戻《もど》りました。

## room
room-closing = この｜回《かい》は{ $time }に｜終《お》わります。｜終《お》わると、ここで｜話《はな》したことはすべて｜消《き》えます。
room-closed = この｜回《かい》は｜終《お》わりました。｜話《はな》したことはすべて｜消《き》えました。また｜次《つぎ》の｜回《かい》にどうぞ。

## error
error-no_such_message = そのメッセージはもう｜見《み》つかりません。
error-blocked = この｜言葉《ことば》はこの｜場所《ばしょ》では｜送《おく》れないことになっています。ここにいる｜人《ひと》が｜安心《あんしん》して｜話《はな》せるように、｜言《い》い｜方《かた》を｜変《か》えてもらえますか。
error-personal_info = ｜電話番号《でんわばんごう》や｜連絡先《れんらくさき》のように｜見《み》えます。｜送《おく》るとあなたが｜特定《とくてい》されるかもしれません。
error-repeated = ｜同《おな》じ｜言葉《ことば》が｜続《つづ》いています。｜少《すこ》し｜時間《じかん》をおいてから｜送《おく》ってください。
error-muted = いまはこの｜部屋《へや》で｜書《か》き｜込《こ》めません（ファシリテーターがしばらくお｜休《やす》みをお｜願《ねが》いしました）。｜読《よ》むこととリアクションはできます。
error-removed = ファシリテーターの｜判断《はんだん》で、この｜部屋《へや》からは｜退室《たいしつ》となりました。ほかの｜部屋《へや》は｜使《つか》えます。
error-slow_mode = いまはゆっくり｜話《はな》す｜時間《じかん》です。｜少《すこ》し｜間《ま》をあけてから｜送《おく》ってください。
error-locked = いまは｜聞《き》くだけの｜時間《じかん》です。リアクションはできます。
error-no_such_report = その｜報告《ほうこく》は｜見《み》つかりませんでした。
error-no_such_escalation = その｜相談《そうだん》の｜依頼《いらい》は｜見《み》つかりませんでした。

# The same refusals, more precisely where the server knows more (the frame's `sentence`).
error-not_now-case = いまはその｜操作《そうさ》はできません（ほかの｜相談員《そうだんいん》が｜対応《たいおう》しているか、まだご｜本人《ほんにん》の｜返事《へんじ》を｜待《ま》っています）。
error-personal_info-refused = この｜部屋《へや》では、｜電話番号《でんわばんごう》や｜住所《じゅうしょ》などの｜連絡先《れんらくさき》は｜送《おく》れません。あなたを｜守《まも》るためです。
error-personal_info-confirmable = ｜電話番号《でんわばんごう》や｜連絡先《れんらくさき》のように｜見《み》えます。｜送《おく》るとあなたが｜特定《とくてい》されるかもしれません。それでも｜送《おく》るか、｜書《か》き｜直《なお》してください。
error-handle_invalid-empty = この｜名前《なまえ》は｜使《つか》えません。｜名前《なまえ》が｜空《から》です。
error-handle_invalid-too_long = この｜名前《なまえ》は｜使《つか》えません。{ $max }｜文字《もじ》までにしてください。
error-handle_invalid-invisible = この｜名前《なまえ》は｜使《つか》えません。｜見《み》えない｜文字《もじ》や｜改行《かいぎょう》は｜使《つか》えません。
error-handle_invalid-looks_like_staff = この｜名前《なまえ》は｜使《つか》えません。スタッフや｜運営《うんえい》と｜間違《まちが》えられる｜名前《なまえ》は｜使《つか》えません。
error-bad_request-not_json = ｜送《おく》られたデータを｜読《よ》み｜取《と》れませんでした（JSONではありません）。
error-bad_request-unknown_type = ｜知《し》らない｜種類《しゅるい》のメッセージです（type）。
error-bad_request-missing_or_wrong_field = ｜必要《ひつよう》な｜項目《こうもく》が｜足《た》りないか、｜形《かたち》が｜違《ちが》います。
error-bad_request-binary = バイナリのデータは｜受《う》け｜付《つ》けていません。テキストで｜送《おく》ってください。
error-bad_request-hello_first = ｜最初《さいしょ》に hello を｜送《おく》ってください。
error-bad_request-hello_twice = hello はもう｜受《う》け｜取《と》っています。
error-bad_request-empty_text = ｜空《から》のメッセージは｜送《おく》れません。
error-bad_request-bad_client_id = client_id は1〜{ $max }バイトの｜文字列《もじれつ》にしてください。
error-bad_request-bad_resume_token = resume の｜値《あたい》の｜形《かたち》が｜正《ただ》しくありません。
error-bad_request-too_many_rooms = ｜同時《どうじ》に｜入《はい》れる｜部屋《へや》は{ $max }つまでです。
error-bad_request-bad_position = since の｜値《あたい》の｜形《かたち》が｜正《ただ》しくありません。
error-bad_request-not_their_messages = その｜人《ひと》はこの｜部屋《へや》にいないか、｜選《えら》んだメッセージがその｜人《ひと》のものではありません。
error-bad_request-not_in_excerpt = ｜共有《きょうゆう》できるのは、｜確認《かくにん》を｜求《もと》められたメッセージだけです。
error-bad_request-outcome_missing = ｜相談《そうだん》を｜終《お》えるときは｜結果《けっか》（talked / referred / no_contact / other）を｜選《えら》んでください。
error-bad_request-bad_source = from は participant か crisis にしてください。
# For an HTTP API call.
error-http-staff_session = スタッフとしてサインインしている｜必要《ひつよう》があります。
error-http-admin_only = これは｜管理者《かんりしゃ》だけができる｜操作《そうさ》です。
error-http-store_away = いまは｜読《よ》み｜出《だ》せません。｜少《すこ》ししてからもう｜一度《いちど》お｜試《ため》しください。
error-http-bad_time = from と to は 2026-12-05T00:00:00Z のような RFC 3339 の｜時刻《じこく》にしてください。
error-http-not_found = ｜見《み》つかりませんでした。
error-http-bad_span = to は from より｜後《あと》の、{ $days }｜日《にち》｜以内《いない》の｜時刻《じこく》にしてください。
error-already_answered = この｜回《かい》にはもう｜答《こた》えていただきました。ありがとうございました。
error-no_such_desk = その｜相談窓口《そうだんまどぐち》は｜見《み》つかりませんでした。
error-bad_request-bad_rating = rating は 1 から 4 までの｜数《かず》にしてください。
error-http-bad_months = ｜月《つき》は 2026-04 の｜形《かたち》で、from は to より｜前《まえ》に、{ $max }か｜月《げつ》までにしてください（｜年度《ねんど》は fiscal_year=2026 の｜形《かたち》）。
error-http-other = この｜求《もと》めには｜答《こた》えられません。

## counsel
counsel-ask = ｜相談員《そうだんいん》と｜話《はな》す
counsel-ask_hint = ｜専門《せんもん》の｜相談員《そうだんいん》と1｜対《たい》1で｜話《はな》せます。ここで｜書《か》いたことは、あなたが｜選《えら》んだもの｜以外《いがい》は｜伝《つた》わりません。
counsel-waiting-title = ｜相談員《そうだんいん》を｜待《ま》っています
counsel-waiting-position = あなたは{ $n }｜番目《ばんめ》です。
counsel-waiting-on_duty = いま｜相談《そうだん》を｜受《う》けている｜相談員《そうだんいん》: { $n }｜人《にん》
counsel-waiting-estimate = ｜目安《めやす》: あと{ $n }｜分《ふん》ほど
counsel-waiting-listen = ｜待《ま》っている｜間《あいだ》も、｜部屋《へや》で｜聞《き》いたり｜話《はな》したりしていて｜大丈夫《だいじょうぶ》です。
counsel-waiting-handed_over = ｜別《べつ》の｜相談員《そうだんいん》に｜引《ひ》き｜継《つ》いでいます。｜少《すこ》しだけお｜待《ま》ちください。
counsel-no_counselor = いまは｜相談員《そうだんいん》がいません
counsel-no_counselor-body = ｜依頼《いらい》はこのまま｜残《のこ》ります。｜相談員《そうだんいん》が｜来《き》たらお｜知《し》らせします。｜急《いそ》ぐときは、｜下《した》の｜窓口《まどぐち》にも｜連絡《れんらく》できます。
counsel-next_on_duty = ｜相談員《そうだんいん》が｜次《つぎ》に｜来《く》るのは { $time } です。｜依頼《いらい》はこのまま｜残《のこ》り、｜来《き》たらお｜知《し》らせします。
counsel-cancel = ｜依頼《いらい》を｜取《と》り｜消《け》す
counsel-connected = ｜相談員《そうだんいん》とつながりました。
counsel-open_room = ｜相談員《そうだんいん》との｜部屋《へや》へ
counsel-room_title = ｜相談員《そうだんいん》との｜部屋《へや》
counsel-end = ｜相談《そうだん》を｜終《お》える
counsel-ended = ｜相談《そうだん》を｜終《お》えました。｜話《はな》してくれてありがとうございました。
counsel-cancelled = ｜依頼《いらい》を｜取《と》り｜消《け》しました。またいつでも｜相談《そうだん》できます。
counsel-declined = ｜今回《こんかい》は｜見送《みおく》りました。またいつでも｜相談《そうだん》できます。
counsel-dismiss = ｜閉《と》じる

## consent
consent-title = ｜相談員《そうだんいん》と｜話《はな》してみませんか
consent-body = ファシリテーターが、｜相談員《そうだんいん》と｜話《はな》すことを｜提案《ていあん》しています。｜相談員《そうだんいん》に｜伝《つた》わるのは、｜下《した》に｜残《のこ》したメッセージだけです。｜全部《ぜんぶ》｜外《はず》してもかまいません。｜断《ことわ》っても、ほかの｜人《ひと》には｜伝《つた》わりません。
consent-remove = ｜外《はず》す
consent-removed = （｜外《はず》しました）
consent-nothing = ｜何《なに》も｜共有《きょうゆう》しません。
consent-accept = ｜相談員《そうだんいん》と｜話《はな》す
consent-decline = ｜今回《こんかい》はやめておく

## console
console-open = ｜相談員《そうだんいん》コンソール
console-title = ｜相談員《そうだんいん》コンソール
console-duty_on = ｜受付《うけつけ》を｜始《はじ》める
console-duty_off = ｜受付《うけつけ》を｜終《お》える
console-on_duty = ｜相談《そうだん》を｜受《う》け｜付《つ》けています。
console-off_duty = いまは｜受《う》け｜付《つ》けていません。
console-queue = ｜待《ま》っている｜依頼《いらい》
console-queue_empty = いまは｜待《ま》っている｜人《ひと》はいません。
console-waited = { $n }｜分《ふん》｜待《ま》ち
console-urgency-urgent = ｜緊急《きんきゅう》
console-urgency-normal = ｜通常《つうじょう》
console-from-participant = ｜本人《ほんにん》から
console-from-facilitator = ファシリテーターから
console-from-crisis = ｜危機《きき》の｜言葉《ことば》のあとで
console-lobby = ロビーから
console-claim = ｜対応《たいおう》する
console-urgent = ｜緊急《きんきゅう》: 「{ $room }」で｜相談員《そうだんいん》が｜必要《ひつよう》かもしれません（｜同意《どうい》の｜前《まえ》です）。
console-go_to_room = ｜部屋《へや》へ｜行《い》く
console-mute = ｜音《おと》を｜消《け》す
console-unmute = ｜音《おと》を｜出《だ》す
console-cases = ｜対応中《たいおうちゅう》の｜相談《そうだん》
console-case_handle = ｜相手《あいて》: { $handle }
console-excerpt = ｜本人《ほんにん》が｜共有《きょうゆう》したメッセージ
console-excerpt_none = ｜共有《きょうゆう》されたメッセージはありません。
console-chat = 1｜対《たい》1の｜部屋《へや》を｜開《ひら》く
console-hand_over = ほかの｜相談員《そうだんいん》に｜引《ひ》き｜継《つ》ぐ
console-outcome = ｜結果《けっか》
console-end = ｜相談《そうだん》を｜終《お》える
console-back = ロビーへ

## outcome
outcome-talked = ｜話《はなし》ができた
outcome-referred = ｜別《べつ》の｜窓口《まどぐち》を｜紹介《しょうかい》した
outcome-no_contact = ｜連絡《れんらく》がとれなかった
outcome-other = その｜他《た》

## mod
mod-escalate = ｜相談員《そうだんいん》につなぐ
mod-escalate_urgent = ｜急《いそ》いで｜相談員《そうだんいん》につなぐ

## escalation
escalation-title = ｜相談員《そうだんいん》へのつなぎ
escalation-asked = { $handle }: ｜本人《ほんにん》の｜返事《へんじ》を｜待《ま》っています
escalation-queued = { $handle }: ｜相談員《そうだんいん》を｜待《ま》っています
escalation-not_going_ahead = { $handle }: ｜今回《こんかい》は｜進《すす》みません
escalation-with_counselor = { $handle }: ｜相談員《そうだんいん》と｜話《はな》しています
escalation-ended = { $handle }: ｜終《お》わりました

## room
room-deleted = ファシリテーターがこの｜発言《はつげん》を｜取《と》り｜消《け》しました
room-topic = いまのテーマ: { $topic }
room-locked = いまは｜聞《き》くだけの｜時間《じかん》です。リアクションはできます。
room-unattended = いまはスタッフがいないので、｜聞《き》くだけの｜時間《じかん》です。スタッフが｜来《く》ると｜話《はな》せるようになります。
room-slow_mode = ゆっくり｜話《はな》す｜時間《じかん》です（{ $n }｜秒《びょう》に1｜回《かい》まで）。

## sanction
sanction-muted = しばらくの｜間《あいだ》、この｜部屋《へや》では｜書《か》き｜込《こ》めません（{ $time }まで）。｜読《よ》むこととリアクションはできます。
sanction-unmuted = また｜書《か》き｜込《こ》めるようになりました。
sanction-removed = ファシリテーターの｜判断《はんだん》で、この｜部屋《へや》から｜退室《たいしつ》となりました。ほかの｜部屋《へや》は｜使《つか》えます。

## report
report-open = ｜報告《ほうこく》する
report-title = この｜発言《はつげん》をスタッフに｜報告《ほうこく》する
report-reason = ｜理由《りゆう》
report-reason-harassment = いやがらせ・こわい｜言葉《ことば》
report-reason-personal_info = ｜個人情報《こじんじょうほう》
report-reason-spam = ｜宣伝《せんでん》・｜勧誘《かんゆう》
report-reason-self_harm = ｜自分《じぶん》を｜傷《きず》つけそうで｜心配《しんぱい》
report-reason-other = その｜他《た》
report-note = ひとこと（なくてもかまいません）
report-send = ｜報告《ほうこく》を｜送《おく》る
report-cancel = やめる
report-received = ｜報告《ほうこく》を｜受《う》け｜付《つ》けました。スタッフが｜確認《かくにん》します。あなたの｜名前《なまえ》は｜誰《だれ》にも｜伝《つた》わりません。
report-outcome-message_deleted = ｜報告《ほうこく》した｜発言《はつげん》は｜取《と》り｜消《け》されました。
report-outcome-muted = ｜報告《ほうこく》した｜人《ひと》は、しばらく｜書《か》き｜込《こ》めなくなりました。
report-outcome-removed = ｜報告《ほうこく》した｜人《ひと》は｜退室《たいしつ》となりました。
report-outcome-no_action = ｜報告《ほうこく》を｜確認《かくにん》しました。｜今回《こんかい》は｜対応《たいおう》の｜必要《ひつよう》はないと｜判断《はんだん》しました。

## hide
hide-person = この｜人《ひと》の｜発言《はつげん》を｜表示《ひょうじ》しない
hide-hidden = { $handle } さんの｜発言《はつげん》{ $n }｜件《けん》を｜表示《ひょうじ》していません（この｜端末《たんまつ》だけ）
hide-show = ｜表示《ひょうじ》する

## pi
pi-title = ｜電話番号《でんわばんごう》や｜連絡先《れんらくさき》のように｜見《み》えます。｜送《おく》るとあなたが｜特定《とくてい》されるかもしれません。
pi-send = このまま｜送《おく》る
pi-edit = ｜書《か》き｜直《なお》す

## support
support-title = ｜話《はな》してくれてありがとう
support-body = つらい｜気持《きも》ちを｜聞《き》いてくれる｜窓口《まどぐち》があります。このお｜知《し》らせは、あなたにだけ｜表示《ひょうじ》されています。
support-open = いま｜開《あ》いています
support-closed = いまは｜受付時間外《うけつけじかんがい》です
support-close = ｜閉《と》じる

## mod
mod-menu = スタッフの｜操作《そうさ》
mod-delete = ｜取《と》り｜消《け》す
mod-mute = { $mute_minutes }｜分《ふん》ミュート
mod-remove = ｜退室《たいしつ》してもらう
mod-report_details = ｜報告《ほうこく》の｜詳細《しょうさい》
mod-controls = ｜部屋《へや》の｜見守《みまも》り
mod-lock = ｜書《か》き｜込《こ》みを｜止《と》める
mod-unlock = ｜書《か》き｜込《こ》みを｜再開《さいかい》する
mod-slow = ゆっくりモード（{ $slow_seconds }｜秒《びょう》）
mod-slow_off = ゆっくりモードを｜終《お》える
mod-topic = テーマ
mod-topic_set = テーマを｜設定《せってい》
mod-close = いま｜終《お》える

## desk
desk-title = アラートと｜報告《ほうこく》
desk-empty = いまはありません。
desk-alert-flagged = ｜注意《ちゅうい》が｜必要《ひつよう》かもしれない｜発言《はつげん》（{ $rule }）
desk-alert-trial = ｜試験中《しけんちゅう》のルールに｜当《あ》たった｜発言《はつげん》（{ $rule }）
desk-alert-crisis = つらさを｜書《か》いた｜発言《はつげん》です。｜本人《ほんにん》にだけ｜相談先《そうだんさき》を｜表示《ひょうじ》しました。
desk-report = ｜報告《ほうこく》: { $reason }
desk-note = ひとこと: { $note }
desk-dismiss = ｜確認《かくにん》した
desk-resolve-message_deleted = ｜発言《はつげん》を｜取《と》り｜消《け》した
desk-resolve-muted = ミュートした
desk-resolve-removed = ｜退室《たいしつ》してもらった
desk-resolve-no_action = ｜対応《たいおう》なし

## audit
audit-open = ｜監査《かんさ》ログ
audit-title = ｜監査《かんさ》ログ（{ $audit_days }｜日分《にちぶん》）
audit-empty = ｜記録《きろく》はありません。
audit-at = ｜日時《にちじ》
audit-actor = ｜誰《だれ》が
audit-action = ｜操作《そうさ》
audit-room = ｜部屋《へや》
audit-target = ｜対象《たいしょう》
audit-reason = ｜理由《りゆう》
audit-desk = ｜窓口《まどぐち》

## staff
staff-signed_out = スタッフのアカウントが｜変更《へんこう》されたため、サインアウトしました。もう｜一度《いちど》サインインしてください。

## ask
ask-cancel = やめる
ask-delete-title = この｜発言《はつげん》を｜取《と》り｜消《け》しますか？
ask-delete-body = みんなの｜画面《がめん》から｜消《き》えます。｜誰《だれ》が｜取《と》り｜消《け》したかは｜表示《ひょうじ》されません。｜元《もと》には｜戻《もど》せません。
ask-delete-do = ｜取《と》り｜消《け》す
ask-mute-title = { $handle }さんを{ $mute_minutes }｜分《ふん》ミュートしますか？
ask-mute-body = { $mute_minutes }｜分《ふん》のあいだ｜書《か》き｜込《こ》めなくなります（｜聞《き》くことと｜反応《はんのう》はできます）。｜本人《ほんにん》にだけ｜伝《つた》わり、あとから｜取《と》り｜消《け》せます。
ask-mute-do = { $mute_minutes }｜分《ふん》ミュートする
ask-remove-title = { $handle }さんに｜退室《たいしつ》してもらいますか？
ask-remove-body = すぐに｜部屋《へや》から｜出《で》てもらい、この｜回《かい》が｜終《お》わるまで（いつも｜開《あ》いている｜部屋《へや》では{ $removal_hours }｜時間《じかん》）｜入《はい》れなくなります。｜元《もと》には｜戻《もど》せません。
ask-remove-do = ｜退室《たいしつ》してもらう
ask-escalate-title = { $handle }さんに｜相談員《そうだんいん》をすすめますか？
ask-escalate-body = ｜本人《ほんにん》にまず｜確《たし》かめます。｜共有《きょうゆう》するメッセージは｜本人《ほんにん》が｜選《えら》べて、｜断《ことわ》ることもできます。
ask-escalate-do = ｜本人《ほんにん》に｜確《たし》かめる
ask-close-title = この｜回《かい》をいま｜終《お》えますか？
ask-close-body = ｜全員《ぜんいん》が｜部屋《へや》から｜出《で》て、ここで｜話《はな》したことはすべて｜消《き》えます。｜元《もと》には｜戻《もど》せません。
ask-close-do = いま｜終《お》える
ask-counselor-title = ｜相談員《そうだんいん》と｜話《はな》しますか？
ask-counselor-body = ｜専門《せんもん》の｜相談員《そうだんいん》と1｜対《たい》1で｜話《はな》せます。｜登録《とうろく》はいらず、ここでの｜名前《なまえ》のままです。｜待《ま》っている｜間《あいだ》も、｜部屋《へや》で｜聞《き》いたり｜話《はな》したりできます。いつでも｜取《と》り｜消《け》せます。
ask-counselor-do = ｜相談員《そうだんいん》を｜呼《よ》ぶ
ask-end_conversation-title = ｜相談《そうだん》を｜終《お》えますか？
ask-end_conversation-body = ｜相談員《そうだんいん》との｜部屋《へや》は｜閉《と》じて、そこでの｜話《はなし》は｜消《き》えます。また｜話《はな》したくなったら、いつでも｜呼《よ》べます。
ask-end_conversation-do = ｜相談《そうだん》を｜終《お》える
ask-end_case-title = ｜相談《そうだん》を｜終《お》えますか？
ask-end_case-body = ｜結果《けっか》「{ $outcome }」として｜終《お》えます。1｜対《たい》1の｜部屋《へや》は｜閉《と》じて、そこでの｜話《はなし》は｜消《き》えます。
ask-end_case-do = ｜相談《そうだん》を｜終《お》える
ask-hand_over-title = ほかの｜相談員《そうだんいん》に｜引《ひ》き｜継《つ》ぎますか？
ask-hand_over-body = 1｜対《たい》1の｜部屋《へや》は｜閉《と》じて、｜本人《ほんにん》はいちばん｜前《まえ》でもう｜一度《いちど》｜待《ま》つことになります。｜共有《きょうゆう》されたメッセージは｜次《つぎ》の｜相談員《そうだんいん》に｜伝《つた》わります。
ask-hand_over-do = ｜引《ひ》き｜継《つ》ぐ
ask-dismiss_alert-title = このアラートを｜確認済《かくにんず》みにしますか？
ask-dismiss_alert-body = この｜部屋《へや》のスタッフ｜全員《ぜんいん》の｜画面《がめん》から｜消《き》えます。あとから｜入《はい》るスタッフにも｜表示《ひょうじ》されません。
ask-dismiss_alert-do = ｜確認済《かくにんず》みにする

## menu
menu-open = { $handle }さんの｜発言《はつげん》のメニュー
menu-title = { $handle }さんの｜発言《はつげん》
menu-read_aloud = ｜読《よ》み｜上《あ》げる
menu-react = ｜反応《はんのう》する
menu-close = ｜閉《と》じる

## room
room-menu = メニュー
room-info_label = この｜部屋《へや》のいま

## entry
entry-audience_in_session = ご｜本人《ほんにん》の｜部屋《へや》とご｜家族《かぞく》の｜部屋《へや》は｜分《わ》かれています。この｜部屋《へや》に｜入《はい》るには、いまいる｜部屋《へや》をすべて｜出《で》てから、｜入《はい》るときに「｜家族《かぞく》」か「｜本人《ほんにん》」を｜選《えら》び｜直《なお》してください。

## room
room-back = ロビーへ（｜部屋《へや》にはいたまま）
room-new_messages = ｜新《あたら》しいメッセージ（{ $n }）

## report
report-private = ｜報告《ほうこく》はこの｜部屋《へや》のスタッフにだけ｜届《とど》きます。あなたが｜報告《ほうこく》したことは｜誰《だれ》にも｜伝《つた》わりません。

## staff
staff-panel = ファシリテーターの｜操作《そうさ》

## done
done-deleted = ｜発言《はつげん》を｜取《と》り｜消《け》しました。
done-muted = { $handle }さんを{ $mute_minutes }｜分《ふん》ミュートしました。
done-unmuted = { $handle }さんのミュートを｜取《と》り｜消《け》しました。
done-removed = { $handle }さんに｜退室《たいしつ》してもらいました。
done-undo = ｜取《と》り｜消《け》す
done-close = ｜閉《と》じる

## muted
muted-title = ミュート｜中《ちゅう》の｜人《ひと》
muted-until = { $handle }さん（{ $time }まで）
muted-lift = ミュートを｜解《と》く

## desk
desk-waiting = { $n }｜件《けん》
desk-writer = { $handle }さん:
desk-show_message = ｜発言《はつげん》を｜見《み》る
desk-message_gone = ｜発言《はつげん》はもう｜表示《ひょうじ》されていません

## counsel
counsel-write_here = ここで｜書《か》く
counsel-no_counselor-lines = ｜急《いそ》ぐときは、こちらにも｜相談《そうだん》できます。
counsel-parting = またいつでも｜来《き》てください。｜話《はな》したくなったら、いつでも｜相談員《そうだんいん》を｜呼《よ》べます。
counsel-parting-lines = ｜相談《そうだん》できる｜窓口《まどぐち》

## support
support-more_lines = ほかの｜窓口《まどぐち》

## console
console-back_to_console = ｜相談員《そうだんいん》コンソールへ
console-outcome_choose = ｜選《えら》んでください
console-outcome_recorded = ｜結果《けっか》を｜記録《きろく》しました。
console-person_gone = （｜退室《たいしつ》した｜方《かた》）
console-person_left = { $handle }さんが｜相談《そうだん》を｜終《お》えました。｜結果《けっか》を｜記録《きろく》してください。
console-record = ｜結果《けっか》を｜記録《きろく》する
console-urgent_waiting = ｜緊急《きんきゅう》の｜依頼《いらい》が｜待《ま》っています。

## settings
settings-theme = ｜画面《がめん》の｜明《あか》るさ

## theme
theme-auto = ｜端末《たんまつ》に｜合《あ》わせる
theme-light = ｜明《あか》るい
theme-dark = ｜暗《くら》い

## neutral
neutral-title_new = メモ（1）

## watch
watch-ask = ｜開《あ》いたら｜知《し》らせる
watch-on = ｜開《あ》いたら｜知《し》らせます（やめる）
watch-hint = このタブを｜開《ひら》いている｜間《あいだ》だけ、｜部屋《へや》が｜開《あ》いたらここでお｜知《し》らせします。｜何《なに》も｜保存《ほぞん》しません。
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
audit-actor-participant = ｜参加者《さんかしゃ》
audit-actor-facilitator = ファシリテーター
audit-actor-counselor = ｜相談員《そうだんいん》
audit-actor-admin = ｜管理者《かんりしゃ》
audit-actor-supervisor = スーパーバイザー
audit-action-sign_in = サインイン
audit-action-delete = ｜発言《はつげん》の｜取《と》り｜消《け》し
audit-action-mute = ミュート
audit-action-unmute = ミュートの｜解除《かいじょ》
audit-action-remove = ｜退室《たいしつ》してもらう
audit-action-slow_mode = ゆっくりモード
audit-action-lock = ｜書《か》き｜込《こ》みを｜止《と》める
audit-action-unlock = ｜書《か》き｜込《こ》みの｜再開《さいかい》
audit-action-topic = テーマの｜設定《せってい》
audit-action-close = ｜回《かい》をいま｜終《お》える
audit-action-report = ｜報告《ほうこく》
audit-action-resolve_report = ｜報告《ほうこく》への｜対応《たいおう》
audit-action-dismiss_alert = アラートの｜確認《かくにん》
audit-action-block = ｜自動《じどう》で｜止《と》めた｜発言《はつげん》
audit-action-flag = ｜自動《じどう》の｜注意《ちゅうい》
audit-action-trial = ｜試験中《しけんちゅう》のルール
audit-action-crisis = つらさの｜言葉《ことば》
audit-action-escalate = ｜相談員《そうだんいん》へのすすめ
audit-action-claim = ｜相談《そうだん》の｜受付《うけつけ》
audit-action-hand_over = ｜相談《そうだん》の｜引《ひ》き｜継《つ》ぎ
audit-action-end_case = ｜相談《そうだん》の｜終了《しゅうりょう》
audit-action-transfer = ｜別《べつ》の｜窓口《まどぐち》へのおつなぎ
audit-action-observe = スーパーバイザーの｜同席《どうせき》
audit-action-decline_observer = ｜同席《どうせき》のおことわり
audit-action-ask_supervisor = スーパーバイザーへの｜相談《そうだん》
audit-reason-message_deleted = ｜発言《はつげん》を｜取《と》り｜消《け》した
audit-reason-muted = ミュートした
audit-reason-removed = ｜退室《たいしつ》してもらった
audit-reason-no_action = ｜対応《たいおう》なし
audit-reason-crisis = つらさの｜言葉《ことば》
audit-reason-abuse = ひどい｜言葉《ことば》
audit-reason-discrimination = ｜差別《さべつ》
audit-reason-sexual = ｜性的《せいてき》な｜内容《ないよう》
audit-reason-contact = ｜連絡先《れんらくさき》の｜交換《こうかん》
audit-reason-solicitation = ｜勧誘《かんゆう》
audit-reason-medication = ｜薬《くすり》
audit-reason-dismissive = ｜突《つ》き｜放《はな》す｜言葉《ことば》

## voice (the participants' voice)
voice-title = きょうはどうでしたか
voice-about-room = 「{ $room }」について
voice-about-counselor = ｜相談員《そうだんいん》との｜話《はなし》について
voice-about-service = この｜場所《ばしょ》について
voice-rating-1 = つらかった
voice-rating-2 = ｜少《すこ》しつらかった
voice-rating-3 = まあまあ
voice-rating-4 = よかった
voice-rating-label = 4｜段階《だんかい》で｜選《えら》んでください（1 つらかった … 4 よかった）
voice-comment = ひとこと（｜書《か》かなくても｜大丈夫《だいじょうぶ》です。{ $max }｜文字《もじ》まで）
voice-anonymous = この｜答《こた》えは｜匿名《とくめい》です。｜話《はな》した｜内容《ないよう》やお｜名前《なまえ》とは｜結《むす》びつけられません。
voice-send = ｜送《おく》る
voice-send-anyway = このまま｜送《おく》る
voice-dismiss = ｜答《こた》えない
voice-thanks = ｜答《こた》えてくださって、ありがとうございました。
settings-visited = ｜次回《じかい》のために、この｜端末《たんまつ》に｜訪問《ほうもん》｜済《ず》みの｜印《しるし》を｜残《のこ》す
settings-visited-hint = ｜印《しるし》はこのブラウザにだけ｜残《のこ》り、「すぐに｜閉《と》じる」で｜消《き》えます。サーバーには、はじめての｜訪問《ほうもん》かどうかしか｜伝《つた》わりません。

## figures (usage figures, admins)
figures-open = ｜利用《りよう》｜実績《じっせき》
figures-title = ｜利用《りよう》｜実績《じっせき》
figures-year = ｜年度《ねんど》
figures-loading = ｜読《よ》み｜込《こ》んでいます…
figures-failed = ｜読《よ》み｜込《こ》めませんでした。｜管理者《かんりしゃ》としてサインインしているか｜確《たし》かめてください。
figures-download = CSVをダウンロード
figures-month = ｜月《つき》
figures-this-year = ｜今年度《こんねんど》
figures-year-before = ｜前年度《ぜんねんど》
figures-small = { $k }｜未満《みまん》
figures-withheld = ｜秘匿《ひとく》
figures-total = ｜合計《ごうけい》
figures-previous = ｜前年度《ぜんねんど》の｜合計《ごうけい》
figures-all = すべての｜数字《すうじ》
figures-all-rooms = すべての｜部屋《へや》
figures-figure = ｜項目《こうもく》
figures-room = ｜部屋《へや》
figures-detail = ｜内訳《うちわけ》
figures-chart = { $figure }（｜月《つき》ごとの｜棒《ぼう》。｜線《せん》は｜前年度《ぜんねんど》）
figures-threshold = { $k }｜未満《みまん》の｜数《かず》は「{ $k }｜未満《みまん》」と｜書《か》き、そこから｜計算《けいさん》で｜分《わ》かってしまう｜数《かず》は「｜秘匿《ひとく》」としています。
figure-visits = ｜居場所《いばしょ》 ｜延《の》べ｜利用数《りようすう》
figure-listening_visits = うち｜聞《き》くだけの｜参加《さんか》
figure-first_visits = はじめての｜訪問《ほうもん》
figure-messages = メッセージ
figure-staff_messages = スタッフのメッセージ
figure-reactions = リアクション
figure-peak_presence = ｜同時《どうじ》にいた｜最多《さいた》の｜人数《にんずう》
figure-sittings = ｜開催《かいさい》｜回数《かいすう》
figure-family_attendance = ｜家族会《かぞくかい》 ｜延《の》べ｜参加者数《さんかしゃすう》
figure-programme_attendance = プログラム ｜延《の》べ｜参加者数《さんかしゃすう》
figure-counselor_requests = ｜相談《そうだん》の｜依頼《いらい》
figure-consents_given = ｜共有《きょうゆう》への｜同意《どうい》
figure-consents_declined = ｜共有《きょうゆう》の｜辞退《じたい》
figure-cases = ｜延《の》べ｜相談《そうだん》｜対応《たいおう》｜件数《けんすう》
figure-outcomes = ｜相談《そうだん》の｜結果《けっか》
figure-wait_median_seconds = ｜相談《そうだん》までの｜待《ま》ち｜時間《じかん》（｜中央値《ちゅうおうち》・｜秒《びょう》）
figure-wait_p90_seconds = ｜相談《そうだん》までの｜待《ま》ち｜時間《じかん》（90パーセンタイル・｜秒《びょう》）
figure-moderation_actions = スタッフの｜対応《たいおう》
figure-reports = ｜報告《ほうこく》
figure-report_outcomes = ｜報告《ほうこく》への｜対応《たいおう》
figure-automatic = ｜自動《じどう》の｜見守《みまも》り
figures-voice-open = ｜当事者《とうじしゃ》の｜声《こえ》

## voices (admin)
voices-title = ｜当事者《とうじしゃ》の｜声《こえ》
voices-month = ｜月《つき》
voices-ratings = ｜答《こた》えの｜分《わ》かれ｜方《かた》
voices-answers = ｜答《こた》えた｜人《ひと》
voices-comments = ｜届《とど》いたコメント（｜順番《じゅんばん》は｜入《い》れ｜替《か》えています）
voices-held = コメントが{ $k }｜件《けん》に｜満《み》たないため、｜集《あつ》まるまで｜保管《ほかん》しています。
voices-none = この｜月《つき》の｜声《こえ》はまだありません。
voices-about-room = ｜部屋《へや》
voices-about-counselor = ｜相談員《そうだんいん》との｜話《はなし》
voices-about-service = この｜場所《ばしょ》｜全体《ぜんたい》

## desks: the routing questions, transfer, supervision (issue 19)
counsel-route-why = ｜答《こた》えると、｜合《あ》う｜窓口《まどぐち》に｜早《はや》くつながります。｜答《こた》えなくても｜大丈夫《だいじょうぶ》です。
counsel-route-about = どなたのことですか
counsel-route-unsaid = ｜答《こた》えない
counsel-route-self = ご｜本人《ほんにん》のこと
counsel-route-family = ご｜家族《かぞく》のこと
counsel-route-age = ご｜本人《ほんにん》の｜年代《ねんだい》
counsel-route-young = 15〜39｜歳《さい》
counsel-route-middle = 40〜64｜歳《さい》
counsel-route-older = 65｜歳《さい》｜以上《いじょう》
counsel-desk = ｜窓口《まどぐち》: { $desk }
counsel-transferred = { $desk }の｜担当者《たんとうしゃ》におつなぎします
counsel-transferred-unnamed = ｜別《べつ》の｜窓口《まどぐち》の｜担当者《たんとうしゃ》におつなぎします
counsel-transferred-shared = これまでに｜伝《つた》えたことは、そのまま｜引《ひ》き｜継《つ》がれます。｜同《おな》じ｜話《はなし》をくり｜返《かえ》さなくて｜大丈夫《だいじょうぶ》です。
counsel-observer = スーパーバイザーが｜相談員《そうだんいん》のサポートのために｜同席《どうせき》しています
counsel-observer-body = ｜同席《どうせき》してほしくないときは、いつでも｜退席《たいせき》をお｜願《ねが》いできます。
counsel-observer-decline = ｜退席《たいせき》をお｜願《ねが》いする
counsel-observer_left = スーパーバイザーは｜退席《たいせき》しました。
console-arrived = ｜相談《そうだん》の｜依頼《いらい》が｜届《とど》きました。
console-arrived_urgent = ｜緊急《きんきゅう》の｜相談《そうだん》の｜依頼《いらい》が｜届《とど》きました。
console-observer = スーパーバイザーが｜同席《どうせき》しています。
console-observer_left = スーパーバイザーが｜退席《たいせき》しました。
console-transferred = ｜別《べつ》の｜窓口《まどぐち》から
console-note = ｜申《もう》し｜送《おく》り: { $note }
console-parked = 「{ $desk }」にはいま｜受付中《うけつけちゅう》の｜相談員《そうだんいん》がいません。｜相談《そうだん》はそこで｜待《ま》ちます。ほかの｜窓口《まどぐち》を｜選《えら》ぶこともできます。
console-transfer = ほかの｜窓口《まどぐち》につなぐ
console-transfer-note = ｜申《もう》し｜送《おく》り（｜相談員《そうだんいん》だけが｜読《よ》みます。{ $max }｜文字《もじ》まで。なくても｜構《かま》いません）
console-transfer-to = 「{ $desk }」につなぐ
console-ask_supervisor = スーパーバイザーを｜呼《よ》ぶ
console-supervisor_asked = スーパーバイザーを｜呼《よ》びました。
console-notify = ｜通知《つうち》を｜受《う》け｜取《と》る
console-notify_refused = このブラウザでは｜通知《つうち》が｜許可《きょか》されていません。ブラウザの｜設定《せってい》で｜許可《きょか》できます。
console-replies = ｜定型文《ていけいぶん》
console-replies-search = ｜題名《だいめい》でさがす
console-replies-hint = ｜選《えら》ぶと｜入力欄《にゅうりょくらん》に｜入《はい》ります。｜送《おく》る｜前《まえ》に｜直《なお》せます。
whisper-title = ささやき（ご｜本人《ほんにん》には｜届《とど》きません）
whisper-label = ささやく｜内容《ないよう》（{ $max }｜文字《もじ》まで）
whisper-send = ささやく
whisper-heard = { $from }のささやき: { $text }
supervision-open = スーパーバイザーコンソール
supervision-title = スーパーバイザーコンソール
supervision-on_duty = ｜見守《みまも》っています。
supervision-off_duty = いまは｜見守《みまも》っていません。
supervision-duty_on = ｜見守《みまも》りを｜始《はじ》める
supervision-duty_off = ｜見守《みまも》りを｜終《お》える
supervision-call = 「{ $desk }」の｜相談員《そうだんいん》がサポートを｜求《もと》めています（{ $n }｜分前《ふんまえ》から）。
supervision-observe = ｜同席《どうせき》する
supervision-observing = ｜同席中《どうせきちゅう》
supervision-desks = ｜窓口《まどぐち》ごとの｜様子《ようす》
supervision-desk_default = ｜相談窓口《そうだんまどぐち》
supervision-queue = ｜待《ま》っている｜人《ひと》: { $n }｜人《にん》
supervision-oldest = いちばん｜長《なが》い｜待《ま》ち: { $n }｜分《ふん》
supervision-counselors = ｜受付中《うけつけちゅう》の｜相談員《そうだんいん》: { $n }｜人《にん》
supervision-open_cases = ｜相談員《そうだんいん》ごとの｜対応中《たいおうちゅう》の｜相談《そうだん》: { $list }｜件《けん》
supervision-cases = いまの｜相談《そうだん》
supervision-cases_none = いまは｜相談《そうだん》はありません。
supervision-waiting = ｜待《ま》っています（{ $n }｜分《ふん》）
supervision-connected = ｜相談員《そうだんいん》と｜話《はな》しています（{ $n }｜分《ふん》）
supervision-help_asked = サポートを｜求《もと》めています
supervision-stop = ｜同席《どうせき》をやめる
supervision-stopped = ｜同席《どうせき》を｜終《お》えました。
supervision-read_only = ｜同席中《どうせきちゅう》です。ここには｜書《か》き｜込《こ》めません。｜相談員《そうだんいん》には、ささやきで｜伝《つた》えられます。
supervision-back_to_console = スーパーバイザーコンソールへ
