import type { DemoArticle } from "./types.js";

/** The demo knowledge base in Czech. */
export const CS_ARTICLES: readonly DemoArticle[] = [
  {
    key: "pay-bill",
    category: "billing",
    title: "Jak zaplatit vyúčtování",
    body: `Měsíční vyúčtování za internet můžete uhradit několika způsoby.

## Bankovním převodem nebo QR platbou
Částku pošlete na číslo účtu uvedené na faktuře a jako **variabilní symbol** použijte své zákaznické číslo. Bez něj platbu nedokážeme přiřadit. Nejjednodušší je naskenovat QR kód z faktury v aplikaci vaší banky. Převod se u nás objeví do jednoho až dvou pracovních dnů.

## Kartou online
V **Mém účtu** otevřete **Platby** a zvolte **Zaplatit kartou**. Kartu si můžete uložit a každá další faktura se z ní strhne automaticky v den splatnosti.

## Inkasem (SIPO)
V internetovém bankovnictví povolte inkaso ve prospěch našeho účtu s limitem alespoň ve výši měsíční platby. První platba se strhne při nejbližší splatnosti.

Faktura je splatná vždy 15. dne v měsíci. Pokud zaplatíte později, přečtěte si *Co se stane, když zaplatím pozdě*.`,
    questions: [
      "muzu platit kartou?",
      "jaký variabilní symbol mám dát k převodu?",
      "jde zaplatit přes QR kód v bankovní aplikaci?",
      "jak nastavit, aby se mi to strhávalo automaticky z karty?",
      "jak si nastavím inkaso?",
      "jaký limit mám dát u inkasa?",
      "kde najdu číslo účtu pro platbu?",
      "poslal jsem peníze převodem a pořád to u vás nevidím",
      "do kdy musím zaplatit za internet?",
    ],
  },
  {
    key: "invoice-explained",
    category: "billing",
    title: "Vysvětlení položek na faktuře",
    body: `Fakturu vám každý měsíc posíláme e-mailem jako PDF. Všechny starší faktury najdete v **Mém účtu → Platby → Faktury**.

**Proč je první faktura vyšší?** První vyúčtování zahrnuje dny od instalace do konce daného měsíce (poměrná část) a navíc celý následující měsíc předem. Od druhého měsíce platíte běžnou měsíční cenu.

**Co znamenají jednotlivé řádky?**
- *Měsíční paušál*: cena vašeho tarifu.
- *Pronájem zařízení*: router, pokud ho máte od nás zapůjčený.
- *Jednorázové poplatky*: například výjezd technika, upomínka nebo změna tarifu v průběhu měsíce.
- *DPH*: je zahrnuta ve všech cenách.

Zdá se vám některá částka chybná? Odpovězte na e-mail s fakturou nebo nám napište do chatu číslo faktury a vše prověříme. Opravný daňový doklad (dobropis) vystavíme do pěti pracovních dnů.`,
    questions: [
      "proč mi přišla první faktura tak vysoká?",
      "co znamená ta poměrná část?",
      "kde si stáhnu starší vyúčtování?",
      "co je to pronájem zařízení na faktuře?",
      "je v ceně DPH?",
      "mam na fakture jednorazovy poplatek, co to je?",
      "myslím, že mi naúčtovali víc, co s tím?",
      "za jak dlouho dostanu dobropis?",
      "posíláte fakturu poštou nebo mailem?",
    ],
  },
  {
    key: "late-payment",
    category: "billing",
    title: "Co se stane, když zaplatím pozdě",
    body: `Když faktura není uhrazena do data splatnosti:

1. **3 dny po splatnosti** vám pošleme připomínku e-mailem a SMS.
2. **14 dní po splatnosti** účtujeme poplatek za upomínku 100 Kč, který se objeví na další faktuře.
3. **30 dní po splatnosti** omezíme připojení na 1 Mbit/s a při otevření stránky se zobrazí výzva k úhradě.

Jakmile dlužnou částku zaplatíte kartou, plná rychlost se obnoví během několika minut. Bankovní převod trvá jeden až dva pracovní dny, takže pokud internet potřebujete hned, plaťte kartou v **Mém účtu**.

Nemůžete tento měsíc zaplatit? Ozvěte se nám **ještě před splatností**: můžeme částku rozložit do splátek nebo jednou ročně posunout datum splatnosti.`,
    questions: [
      "zapomněl jsem zaplatit, je za to pokuta?",
      "kolik stojí upomínka?",
      "internet je strašně pomalý a vyskakuje mi výzva k úhradě",
      "kdy mi omezíte rychlost, když nezaplatím?",
      "zaplatil jsem dluh, za jak dlouho pojede internet normálně?",
      "zaplatil jsem převodem a pořád mám omezenou rychlost",
      "jde to rozložit do splátek?",
      "můžu si posunout datum splatnosti?",
      "pošlete mi připomínku, když zapomenu?",
      "tento měsíc nemám na zaplacení, co můžu dělat?",
    ],
  },
  {
    key: "change-plan",
    category: "account",
    title: "Změna tarifu",
    body: `Tarif internetu můžete kdykoli změnit v **Mém účtu → Tarif**.

- **Přechod na rychlejší tarif** platí do hodiny. Rozdíl za zbytek měsíce doplatíte na další faktuře.
- **Přechod na levnější tarif** začne platit od dalšího zúčtovacího období, takže vám zůstane to, co jste už zaplatili.

Naše tarify:

| Tarif | Stahování / odesílání | Cena |
| --- | --- | --- |
| Základ | 100 / 20 Mbit/s | 399 Kč |
| Plus | 300 / 60 Mbit/s | 549 Kč |
| Max | 1000 / 200 Mbit/s | 749 Kč |

Pro tarif Max musí router zvládat gigabitové rychlosti. Routery, které jsme dodávali před rokem 2022, to neumí: při přechodu vám zdarma pošleme nový.

Změna tarifu neprodlužuje dobu trvání smlouvy.`,
    questions: [
      "chci rychlejší internet, jak na to?",
      "kolik stojí gigabitový internet?",
      "když přejdu na levnější, od kdy to platí?",
      "za jak dlouho se mi zrychlí připojení po přechodu?",
      "jakou rychlost odesílání má Plus?",
      "mám router z roku 2020, zvládne Max?",
      "prodlouží se mi smlouva, když změním tarif?",
      "doplácím něco, když přejdu na vyšší rychlost v půlce měsíce?",
      "jaké rychlosti a ceny nabízíte?",
      "jaký je nejlevnější tarif?",
    ],
  },
  {
    key: "router-setup",
    category: "internet",
    title: "Zapojení a nastavení routeru",
    body: `Router vám dorazí připravený k použití. Zapojíte ho takto:

1. **Šedý kabel** z optické zásuvky na zdi zapojte do portu **WAN** (je modrý) na routeru.
2. Připojte napájecí adaptér a zapněte router tlačítkem na zadní straně.
3. Počkejte dvě až tři minuty, dokud kontrolka **Internet** nesvítí trvale zeleně.
4. Telefon nebo počítač připojte k Wi-Fi síti, jejíž název a heslo najdete na štítku na spodní straně routeru.

Pokud kontrolka Internet svítí červeně nebo bliká oranžově, zkontrolujte, že kabel je na obou koncích pevně zasunutý a že na optickém převodníku svítí zelená.

Nastavení routeru otevřete v prohlížeči na adrese **192.168.1.1**. Heslo správce je na stejném štítku. Doporučujeme ho při prvním přihlášení změnit.`,
    questions: [
      "přišel mi balík s modemem, jak ho zapojím?",
      "kam zapojit šedý kabel?",
      "kontrolka internet bliká oranžově",
      "jak dlouho mám čekat po zapnutí?",
      "kde najdu heslo k wifi u nového routeru?",
      "jak se dostanu do nastavení routeru?",
      "jaké je heslo správce?",
      "kontrolka internet svítí červeně, co s tím?",
      "kde se ten router zapíná?",
    ],
  },
  {
    key: "wifi-password",
    category: "internet",
    title: "Jak změnit název a heslo Wi-Fi",
    body: `Nový název bezdrátové sítě nebo nové heslo nastavíte takto:

1. Připojte zařízení k routeru (přes Wi-Fi nebo kabelem).
2. V prohlížeči otevřete **192.168.1.1** a přihlaste se heslem správce ze štítku pod routerem.
3. Přejděte do **Bezdrátová síť → Zabezpečení**.
4. Zadejte nový název sítě (SSID) a nové heslo. Použijte alespoň 12 znaků.
5. Klikněte na **Uložit**. Router restartuje bezdrátovou síť a všechna zařízení se musí znovu připojit s novým heslem.

Chodí k vám často návštěvy? Ve stejné nabídce zapněte **síť pro hosty**: návštěvníci se připojí k internetu, ale na vaše zařízení neuvidí.

Zapomněli jste heslo správce? Kancelářskou sponkou podržte 10 sekund tlačítko reset na zadní straně routeru. Router se vrátí do továrního nastavení a znovu bude platit heslo ze štítku.`,
    questions: [
      "jak přejmenovat wifi síť?",
      "chci si nastavit nové heslo na wifinu",
      "zapomněl jsem heslo do 192.168.1.1",
      "jak udělat samostatnou síť pro návštěvy?",
      "po změně hesla se mi notebook nepřipojí",
      "kolik znaků musí mít nové heslo?",
      "jak vrátit router do továrního nastavení?",
      "soused mi asi krade wifi, jak to zabezpečím?",
      "kde se mění SSID?",
    ],
  },
  {
    key: "slow-internet",
    category: "internet",
    title: "Pomalý internet: co zkontrolovat",
    body: `Pokud se stránky načítají pomalu nebo se videa sekají, postupujte takto:

1. **Změřte rychlost po kabelu.** Připojte počítač k routeru síťovým kabelem a spusťte test na rychlost.example.cz. Když se výsledek blíží rychlosti vašeho tarifu, linka je v pořádku a problém je v signálu Wi-Fi.
2. **Restartujte router.** Vypněte ho, počkejte 30 sekund a znovu zapněte.
3. **Zlepšete signál.** Zdi, stropy a mikrovlnná trouba signál Wi-Fi oslabují. Síť 5 GHz je rychlejší, ale má menší dosah; síť 2,4 GHz dosáhne dál, ale je pomalejší. Router umístěte doprostřed bytu na volné místo, ne do skříně.
4. **Zjistěte, co se zrovna stahuje.** Aktualizace her, zálohování do cloudu a sledování videa ve 4K na několika zařízeních najednou sdílejí stejnou linku.
5. **Jen večer?** Pokud se připojení zpomaluje jen mezi 19. a 23. hodinou, zapište si časy a výsledky měření a pošlete nám je: prověříme síť ve vaší ulici.

Je internet pomalý i po kabelu? Pošlete nám výsledky měření a na dálku provedeme test linky.`,
    questions: [
      "video se pořád seká",
      "mám mnohem nižší rychlost, než platím",
      "internet se loudá jen večer",
      "mám používat 5 GHz nebo 2,4 GHz?",
      "v ložnici mám slabou wifi, co s tím?",
      "jak správně změřit rychlost?",
      "kam nejlíp dát router?",
      "i po kabelu je to pomalé, co dál?",
      "stránky se načítají hrozně dlouho",
      "můžou stahování her zpomalovat připojení celé rodině?",
    ],
  },
  {
    key: "no-connection",
    category: "internet",
    title: "Nefunguje mi internet",
    body: `Pokud se k internetu nepřipojí žádné zařízení:

- **Podívejte se na mapu výpadků** na status.example.cz. Pokud ve vaší oblasti probíhá plánovaná údržba nebo porucha, uvidíte, kdy má být odstraněna, a nemusíte nic dělat.
- **Zkontrolujte kontrolky.** Červená kontrolka *LOS* na optickém převodníku znamená, že signál k vám nedorazí: optický kabel může být zalomený nebo vytažený. Tenký žlutý kabel neohýbejte a zkontrolujte, že konektor zacvakl.
- **Restartujte všechno.** Vypněte převodník i router, počkejte minutu, pak zapněte nejdřív převodník a po dvou minutách router.
- **Zkontrolujte svůj účet.** Při neuhrazené faktuře déle než 30 dní po splatnosti je připojení omezené (viz *Co se stane, když zaplatím pozdě*).

Když nic nepomůže, nahlaste poruchu v **Mém účtu → Podpora** nebo v chatu. Poruchy obvykle odstraníme do 24 hodin a za každý celý den bez služby vám vrátíme poměrnou část paušálu.`,
    questions: [
      "vůbec mi nejde síť, nic se nepřipojí",
      "je u nás výpadek?",
      "červená kontrolka LOS, co to znamená?",
      "v jakém pořadí restartovat převodník a router?",
      "jak nahlásit poruchu?",
      "za jak dlouho poruchu opravíte?",
      "dostanu něco zpátky za dny bez připojení?",
      "od rána nejede připojení na žádném zařízení",
      "zalomil se mi ten tenký žlutý kabel, může to být tím?",
      "může být internet nefunkční kvůli nezaplacené faktuře?",
    ],
  },
  {
    key: "installation",
    category: "internet",
    title: "Termín instalace",
    body: `Do dvou pracovních dnů od objednávky vám zavoláme a domluvíme termín návštěvy technika. Samotná instalace trvá asi dvě hodiny.

**Před návštěvou**
- Zajistěte, aby byl po celou dobu doma někdo starší 18 let.
- Rozmyslete si, kde má být optická zásuvka: u elektrické zásuvky a ideálně tam, kde může router stát volně uprostřed bytu.
- V bytovém domě se zeptejte správce nebo SVJ, zda smíme vést kabel přes společné prostory.

**Při návštěvě** technik přivede optické vlákno do bytu, nainstaluje převodník, zapojí router a společně s vámi změří rychlost.

**Nehodí se vám termín?** Zdarma ho můžete změnit nejpozději 24 hodin předem v **Mém účtu → Instalace** nebo telefonicky. Pokud v domluvený čas nikdo doma není, další výjezd stojí 500 Kč.`,
    questions: [
      "kdy mi zavoláte kvůli technikovi?",
      "jak dlouho instalace trvá?",
      "musí být někdo doma?",
      "můžu přesunout návštěvu technika?",
      "co když nebudu v domluvený čas doma?",
      "kam dát optickou zásuvku?",
      "bydlím v paneláku, potřebuju nějaký souhlas?",
      "co technik při návštěvě dělá?",
      "může technika pustit dovnitř můj 16letý syn?",
    ],
  },
  {
    key: "moving",
    category: "account",
    title: "Stěhování: převedení služby na novou adresu",
    body: `Vzít si internet s sebou při stěhování je snadné, pokud na nové adrese máme pokrytí.

1. Ověřte novou adresu na mapě pokrytí na example.cz/pokryti.
2. Datum stěhování nám oznamte alespoň **dva týdny předem** v **Mém účtu → Přestěhovat službu** nebo v chatu.
3. Na nové adrese naplánujeme instalaci na den, který si vyberete. Převod služby je jednou ročně zdarma, pak stojí 700 Kč.
4. Router si vezměte s sebou. Optický převodník zůstává v původním bytě.

Smlouva, tarif i cena zůstávají stejné, mění se jen adresa.

Pokud novou adresu nepokrýváme, můžete smlouvu ukončit bez poplatku za předčasné ukončení: stačí nám poslat kopii nové nájemní smlouvy nebo jiný doklad o adrese.`,
    questions: [
      "stěhuju se, můžu si vzít internet s sebou?",
      "kolik dopředu vám to musím nahlásit?",
      "je převod na novou adresu zdarma?",
      "beru si optický převodník s sebou?",
      "jak zjistím, jestli máte pokrytí na nové adrese?",
      "co když na nové adrese nepůsobíte?",
      "změní se mi cena po přestěhování?",
      "mám si vzít router do nového bytu?",
      "letos se stěhuju podruhé, bude to něco stát?",
    ],
  },
  {
    key: "cancel",
    category: "account",
    title: "Výpověď smlouvy",
    body: `Mrzí nás, že odcházíte. Smlouvu o připojení ukončíte takto:

- Výpověď podejte v **Mém účtu → Smlouva → Ukončit smlouvu**, nebo nám napište. Uveďte, ke kterému dni má služba skončit.
- Výpovědní lhůta je **30 dní**. Služba běží do jejího konce a poslední faktura ji zahrnuje.
- Pokud ještě neuplynula minimální doba 12 měsíců, účtujeme poplatek za předčasné ukončení ve výši pětiny zbývajících měsíčních paušálů.
- Zapůjčený router vraťte do 14 dnů od ukončení služby. Doneste ho na kteroukoli naši prodejnu, nebo ho pošlete se štítkem pro bezplatné vrácení, který vám pošleme e-mailem. Nevrácený router účtujeme 1 500 Kč.

Optický převodník vracet nemusíte, patří k domu.

Rozmysleli jste si to? Výpověď můžete kdykoli vzít zpět, dokud služba neskončí.`,
    questions: [
      "jak zrušit internet?",
      "jaká je výpovědní lhůta?",
      "zaplatím něco, když odejdu dřív než po 12 měsících?",
      "přijde mi po odchodu ještě nějaká faktura?",
      "co s routerem po ukončení?",
      "do kdy musím router vrátit a kam?",
      "kolik zaplatím, když router nevrátím?",
      "musím vracet optický převodník?",
      "rozmyslel jsem si to, můžu výpověď vzít zpět?",
    ],
  },
  {
    key: "account-password",
    category: "account",
    title: "Nemůžu se přihlásit do Mého účtu",
    body: `Pokud jste zapomněli heslo k zákaznickému účtu:

1. Na přihlašovací stránce klikněte na **Zapomenuté heslo**.
2. Zadejte e-mailovou adresu, kterou jste uvedli při uzavření smlouvy.
3. Pošleme vám odkaz, přes který si nastavíte nové heslo. Platí jednu hodinu.

**E-mail nepřišel?** Podívejte se do složky se spamem a chvíli počkejte. Ověřte, že jste zadali adresu, se kterou jste se registrovali: pokud jste od té doby e-mail změnili, zkuste tu původní nebo nás kontaktujte.

**Zablokovaný účet?** Po pěti chybných pokusech za sebou se účet z bezpečnostních důvodů na 15 minut zablokuje. Počkejte a zkuste to znovu, nebo si heslo obnovte.

Náš tým po vás heslo nikdy nebude chtít, ani v chatu, ani po telefonu.`,
    questions: [
      "zapomněl jsem heslo do zákaznické zóny",
      "nepřišel mi e-mail na obnovu hesla",
      "jak dlouho platí odkaz?",
      "píše mi to, že je účet zablokovaný",
      "změnil jsem e-mail, jakou adresu mám zadat?",
      "nemůžu se přihlásit",
      "někdo z podpory po mně chtěl heslo, je to v pořádku?",
      "po kolika špatných pokusech se účet zamkne?",
    ],
  },
  {
    key: "returns",
    category: "orders",
    title: "Vrácení zboží a peněz",
    body: `Zboží koupené v našem e-shopu můžete vrátit do **30 dnů** od doručení bez udání důvodu (zákon vyžaduje 14 dní, my dáváme víc).

1. Otevřete **Moje objednávky**, vyberte objednávku a zvolte **Vrátit zboží**.
2. Vytiskněte štítek a zboží zabalte, nejlépe do původní krabice, se vším příslušenstvím.
3. Balík odevzdejte na kterékoli poště nebo výdejním místě. Zpětné poštovné platíme my.

Peníze vrátíme na kartu nebo účet, ze kterého jste platili, **do 5 pracovních dnů** od doručení balíku do našeho skladu. Banka může připsání ještě o pár dní zdržet.

Vrátit nelze: rozbalený software, dárkové poukazy a sluchátka s porušenou hygienickou pečetí.

Je výrobek vadný, ne jen nechtěný? Přečtěte si *Reklamace vadného zboží*: reklamace se vyřizuje jinak.`,
    questions: [
      "chci vrátit věc z e-shopu, jde to?",
      "kolik mám dní na vrácení?",
      "zákonná lhůta je 14 dní, platí u vás delší?",
      "platím poštovné za vrácení?",
      "kdy mi přijdou peníze zpátky?",
      "můžu vrátit rozbalená sluchátka?",
      "jde vrátit dárkový poukaz?",
      "musím mít původní krabici?",
      "kam odnesu balík?",
    ],
  },
  {
    key: "delivery",
    category: "orders",
    title: "Doprava a sledování zásilky",
    body: `Objednávky přijaté v pracovní dny do 14 hodin expedujeme ještě tentýž den.

| Doprava | Doba doručení | Cena |
| --- | --- | --- |
| Kurýr | 1–2 pracovní dny | 119 Kč, nad 1 500 Kč zdarma |
| Výdejní místo | 1–3 pracovní dny | 69 Kč |
| Osobní odběr na prodejně | následující pracovní den | zdarma |

Jakmile balík opustí sklad, pošleme vám e-mail s **číslem zásilky** a odkazem na sledování. Najdete ho také v **Mých objednávkách**.

**Stav zásilky se několik dní nemění?** Dopravci někdy balík naskenují až v depu. Pokud se nic nezmění pět pracovních dnů, ozvěte se a zahájíme u dopravce šetření.

**Zásilka je označená jako doručená, ale nemáte ji?** Zeptejte se nejdřív sousedů a na recepci domu a pak nám to do 48 hodin dejte vědět.`,
    questions: [
      "za jak dlouho mi to přijde?",
      "kdy je doprava zdarma?",
      "kolik stojí kurýr?",
      "kde najdu číslo zásilky?",
      "sledování se už několik dní nehnulo",
      "píše se doručeno, ale balík nemám",
      "do kolika hodin musím objednat, aby to odešlo ještě dnes?",
      "můžu si to vyzvednout na prodejně?",
      "kolik stojí výdejní místo?",
    ],
  },
  {
    key: "warranty",
    category: "orders",
    title: "Reklamace vadného zboží",
    body: `Na všechno zboží z našeho e-shopu máte **záruku 24 měsíců** od převzetí.

Když výrobek přestane fungovat:

1. Podívejte se do návodu na řešení potíží; řadu problémů vyřeší restart nebo aktualizace.
2. V **Mých objednávkách** vyberte výrobek a zvolte **Reklamovat**. Popište, co se děje, a pokud můžete, přidejte fotku nebo krátké video.
3. Výrobek nám pošlete se štítkem zdarma, nebo ho doneste na prodejnu.

Reklamaci vyřídíme nejpozději do 30 dnů: výrobek opravíme, vyměníme, nebo vám vrátíme peníze. Když reklamujete router, který máte od nás v pronájmu, pošleme vám náhradní hned následující pracovní den.

Na poškození pádem, vodou nebo přepětím se záruka nevztahuje, můžeme ale nabídnout placenou opravu.`,
    questions: [
      "sluchátka přestala po pár měsících fungovat, vztahuje se na to záruka?",
      "jak dlouhá je záruka?",
      "jak nahlásím vadný výrobek?",
      "spadlo mi to na zem, opravíte to zdarma?",
      "za jak dlouho vyřídíte reklamaci?",
      "odešel mi pronajatý router, dostanu náhradní?",
      "co když to nepůjde opravit?",
      "namočilo se to, kryje to záruka?",
      "můžu vadnou věc donést na prodejnu?",
    ],
  },
  {
    key: "order-change",
    category: "orders",
    title: "Úprava nebo zrušení objednávky",
    body: `Objednávku můžete upravit nebo zrušit, dokud neopustila náš sklad.

- **Změna adresy nebo způsobu doručení:** v **Mých objednávkách** vyberte objednávku a klikněte na **Upravit**. Tlačítko je dostupné, dokud se stav nezmění na *Odesláno*.
- **Přidání nebo odebrání zboží:** u zaplacené objednávky to nejde. Zrušte ji a vytvořte novou.
- **Zrušení objednávky:** klikněte na **Zrušit objednávku**. Platba kartou se uvolní do 3 pracovních dnů, převod vrátíme do 5 pracovních dnů.

Už je odesláno? Balík při doručení odmítněte převzít, nebo ho potom vraťte do 30 dnů (viz *Vrácení zboží a peněz*).`,
    questions: [
      "jde změnit adresu doručení u objednávky?",
      "chci přidat další kus do už zaplacené objednávky",
      "jak zrušit objednávku?",
      "zrušil jsem a platil kartou, kdy se mi uvolní peníze?",
      "zmizelo tlačítko Upravit, proč?",
      "už je to odeslané, můžu to ještě zrušit?",
      "můžu po objednání změnit dopravu na výdejní místo?",
      "platil jsem převodem a zrušil objednávku, kdy dostanu peníze?",
      "objednal jsem omylem něco navíc, jde to odebrat?",
    ],
  },
  {
    key: "refund-approvals",
    category: "team",
    visibility: "internal",
    title: "Schvalování vratek peněz: kdo co schvaluje",
    body: `Interní postup pro tým podpory.

- Vrácení peněz **do 2 500 Kč** může schválit kterýkoli operátor, jakmile vrácené zboží dorazí do skladu.
- Vrácení **od 2 500 do 12 000 Kč** schvaluje vedoucí směny: přidejte štítek *schvaleni-vratky* a přiřaďte konverzaci službu konajícímu vedoucímu.
- Částky **nad 12 000 Kč** a vrácení peněz bez vráceného zboží posílejte e-mailem finančnímu oddělení (finance@example.cz).

Před schválením vždy zapište do poznámky číslo objednávky a částku.`,
  },
];
