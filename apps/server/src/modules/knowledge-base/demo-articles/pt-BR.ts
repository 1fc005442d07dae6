import type { DemoArticle } from "./types.js";

/** The demo knowledge base in Brazilian Portuguese. */
export const PT_BR_ARTICLES: readonly DemoArticle[] = [
  {
    key: "pay-bill",
    category: "billing",
    title: "Formas de pagamento da fatura",
    body: `Você pode pagar a fatura mensal da internet da forma que preferir.

## Pix
Na **Minha conta**, abra **Faturas** e escolha **Pagar com Pix**. Leia o QR Code no app do seu banco ou use o código copia e cola. O pagamento é reconhecido em poucos minutos.

## Boleto bancário
O boleto chega por e-mail cinco dias antes do vencimento e também fica disponível na **Minha conta**. Ele pode ser pago em qualquer banco, lotérica ou app. A compensação leva até dois dias úteis.

## Cartão de crédito e débito automático
Cadastre um cartão de crédito para que todas as faturas sejam cobradas automaticamente no vencimento, ou peça o débito automático ao seu banco informando o **código do cliente** que aparece na fatura.

O vencimento é todo dia 10. Se pagar depois dessa data, veja *Atrasou o pagamento? Entenda o que acontece*.`,
    questions: [
      "da pra pagar com pix?",
      "o pix cai na hora ou demora?",
      "onde pego o boleto da internet?",
      "quando o boleto chega no meu email?",
      "paguei o boleto ontem e ainda não baixou",
      "posso pagar na lotérica?",
      "como coloco a conta no débito automático?",
      "dá pra deixar o cartão de crédito cadastrado pra cobrar todo mês sozinho?",
      "qual código eu passo pro banco pra ativar o débito automático?",
      "qual o dia do vencimento da internet?",
    ],
  },
  {
    key: "invoice-explained",
    category: "billing",
    title: "Entenda sua fatura",
    body: `Todo mês enviamos a fatura em PDF para o seu e-mail. As faturas anteriores ficam em **Minha conta → Faturas → Histórico**.

**Por que a primeira fatura veio mais alta?** A primeira cobrança inclui os dias desde a instalação até o fim daquele mês (valor *proporcional*) mais o mês seguinte inteiro. A partir da segunda fatura você paga apenas a mensalidade normal.

**O que significa cada item?**
- *Mensalidade do plano*: o valor do seu plano de internet.
- *Locação de equipamento*: o roteador, quando ele é alugado.
- *Cobranças avulsas*: visita técnica, multa por atraso ou troca de plano no meio do mês.
- *Impostos*: já incluídos nos valores.

Achou alguma cobrança indevida? Responda o e-mail da fatura ou fale com a gente no chat informando o número da fatura. Se houver erro, emitimos uma fatura corrigida em até cinco dias úteis e o valor pago a mais é descontado na próxima.`,
    questions: [
      "por que minha primeira conta veio tão cara?",
      "o que é esse valor proporcional na cobrança?",
      "onde vejo as faturas antigas?",
      "o que é essa locação de equipamento na conta?",
      "os impostos são cobrados à parte?",
      "veio uma cobrança avulsa que eu não entendi",
      "acho que me cobraram errado, o que eu faço?",
      "paguei a mais, recebo de volta?",
      "quanto tempo vocês levam pra corrigir uma cobrança errada?",
      "a conta chega pelo correio ou por email?",
    ],
  },
  {
    key: "late-payment",
    category: "billing",
    title: "Atrasou o pagamento? Entenda o que acontece",
    body: `Quando a fatura não é paga até o vencimento:

1. **3 dias depois** enviamos um lembrete por e-mail e SMS.
2. **Após o vencimento** são cobrados multa de 2% e juros de 1% ao mês, lançados na fatura seguinte.
3. **30 dias depois** a conexão fica reduzida a 1 Mbps e uma página de aviso pede a regularização.

Assim que o valor em aberto é pago com Pix ou cartão, a velocidade normal volta em poucos minutos. O boleto leva até dois dias úteis para compensar, então, se precisar da internet com urgência, prefira o Pix.

Está com dificuldade para pagar este mês? Fale com a gente **antes** do vencimento: podemos parcelar o valor ou mudar a data de vencimento uma vez por ano.`,
    questions: [
      "esqueci de pagar a conta, tem multa?",
      "quanto de juros vocês cobram por atraso?",
      "minha internet ta lentíssima e aparece uma página pedindo pra regularizar",
      "com quantos dias de atraso vocês reduzem a velocidade?",
      "quitei a conta atrasada, quando volta a velocidade normal?",
      "preciso da internet urgente, qual forma de pagamento libera mais rápido?",
      "paguei o boleto atrasado e a net continua lenta, por quê?",
      "dá pra parcelar a conta desse mês?",
      "posso mudar a data de vencimento?",
      "vocês avisam se eu esquecer de pagar?",
    ],
  },
  {
    key: "change-plan",
    category: "account",
    title: "Como trocar de plano",
    body: `Você pode mudar o seu plano de internet quando quiser em **Minha conta → Meu plano**.

- **Upgrade** (plano mais rápido): vale em até uma hora. A diferença proporcional aparece na próxima fatura.
- **Downgrade** (plano mais barato): vale a partir do próximo ciclo de cobrança, para você aproveitar o que já pagou.

Nossos planos:

| Plano | Download / upload | Preço |
| --- | --- | --- |
| Essencial | 300 / 150 Mega | R$ 89,90 |
| Turbo | 500 / 250 Mega | R$ 109,90 |
| Giga | 1 Giga / 500 Mega | R$ 149,90 |

Para o plano Giga o roteador precisa ter portas gigabit. Se o seu foi instalado antes de 2022, enviamos um novo sem custo quando você fizer o upgrade.

A troca de plano não renova a fidelidade.`,
    questions: [
      "quero aumentar minha velocidade, como faço?",
      "quanto custa o de 1 giga?",
      "se eu mudar pra um plano mais barato, quando começa a valer?",
      "quanto tempo demora pra liberar a velocidade nova?",
      "qual o upload do turbo?",
      "meu roteador foi instalado em 2020, funciona no giga?",
      "mudar de plano renova a fidelidade?",
      "pago alguma diferença se eu aumentar a velocidade no meio do mês?",
      "quais velocidades e preços vocês têm?",
      "qual o pacote mais em conta?",
    ],
  },
  {
    key: "router-setup",
    category: "internet",
    title: "Primeiros passos com o roteador",
    body: `O roteador já vem configurado. Para ligá-lo:

1. Conecte o **cabo cinza** que sai da ONT (a caixinha da fibra na parede) à porta **WAN** azul do roteador.
2. Ligue a fonte na tomada e aperte o botão de energia atrás do aparelho.
3. Aguarde de dois a três minutos até a luz **Internet** ficar verde fixa.
4. No celular ou computador, procure a rede Wi-Fi que está na etiqueta embaixo do roteador e digite a senha impressa ali.

Se a luz Internet continuar vermelha ou piscando em laranja, confira se os cabos estão bem encaixados nas duas pontas e se a ONT está com a luz verde acesa.

As configurações ficam em **192.168.1.1**, acessando pelo navegador. A senha de administrador também está na etiqueta; recomendamos trocá-la no primeiro acesso.`,
    questions: [
      "chegou o aparelho, como eu instalo?",
      "onde ligo o cabo cinza?",
      "a luz internet fica piscando laranja",
      "quanto tempo tenho que esperar depois de ligar?",
      "qual a senha do wifi do aparelho novo?",
      "como acesso as configurações do roteador?",
      "qual a senha de admin do roteador?",
      "a luz de internet ta vermelha, o que faço?",
      "o que é essa tal de ONT?",
      "onde fica o botão de ligar do modem?",
    ],
  },
  {
    key: "wifi-password",
    category: "internet",
    title: "Como mudar o nome e a senha do Wi-Fi",
    body: `Para trocar o nome da rede sem fio ou a senha:

1. Conecte um aparelho ao roteador (pelo Wi-Fi ou por cabo).
2. Abra **192.168.1.1** no navegador e entre com a senha de administrador da etiqueta.
3. Vá em **Rede sem fio → Segurança**.
4. Digite o novo nome (SSID) e a nova senha, com pelo menos 12 caracteres.
5. Clique em **Salvar**. A rede reinicia e todos os aparelhos precisam se conectar de novo com a senha nova.

Recebe muitas visitas? Ative a **rede de convidados** no mesmo menu: quem chega usa a internet sem enxergar os seus aparelhos.

Esqueceu a senha de administrador? Segure o botão reset atrás do roteador por 10 segundos com um clipe. Ele volta às configurações de fábrica e a senha da etiqueta passa a valer de novo.`,
    questions: [
      "como mudo o nome da minha rede?",
      "quero trocar a senha da internet sem fio",
      "esqueci a senha pra entrar no 192.168.1.1",
      "como crio uma rede separada pras visitas?",
      "troquei a senha e o celular não conecta mais",
      "quantos caracteres a senha nova precisa ter?",
      "como reseto o roteador pro padrão de fábrica?",
      "acho que o vizinho ta usando meu wifi, como troco a senha?",
      "onde altero o SSID?",
    ],
  },
  {
    key: "slow-internet",
    category: "internet",
    title: "Internet lenta: o que verificar",
    body: `Se as páginas demoram para abrir ou os vídeos ficam travando, siga estes passos:

1. **Teste com cabo.** Ligue um computador ao roteador com um cabo de rede e faça um teste em velocidade.example.com.br. Se o resultado estiver perto da velocidade contratada, a conexão está boa e o problema é o sinal do Wi-Fi.
2. **Reinicie o roteador.** Desligue, espere 30 segundos e ligue de novo.
3. **Melhore o sinal.** Paredes, lajes e micro-ondas atrapalham o Wi-Fi. A rede 5G é mais rápida mas alcança menos; a rede 2.4G vai mais longe mas é mais lenta. Deixe o roteador num lugar central e aberto, nunca dentro de armário.
4. **Veja quem está usando.** Atualizações de jogos, backup na nuvem e vídeos em 4K em vários aparelhos ao mesmo tempo dividem a mesma banda.
5. **Só à noite?** Se a lentidão acontece entre 19h e 23h, anote os horários e os resultados dos testes e mande para a gente: vamos verificar a rede da sua rua.

Continua lento mesmo no cabo? Envie os resultados dos testes que fazemos um diagnóstico remoto da linha.`,
    questions: [
      "netflix fica travando toda hora",
      "a velocidade ta bem abaixo do que eu contratei",
      "a net fica ruim só de noite",
      "é melhor usar a rede 5G ou a 2.4G?",
      "o wifi não pega direito no meu quarto",
      "como faço o teste de velocidade do jeito certo?",
      "onde é melhor deixar o roteador?",
      "mesmo no cabo continua lento, e agora?",
      "as páginas demoram uma eternidade pra abrir",
      "download de jogo pode deixar a internet ruim pra casa toda?",
    ],
  },
  {
    key: "no-connection",
    category: "internet",
    title: "Estou sem internet",
    body: `Se nenhum aparelho consegue navegar:

- **Consulte o mapa de ocorrências** em status.example.com.br. Se houver manutenção ou falha na sua região, aparece a previsão de normalização e não é preciso fazer nada.
- **Olhe as luzes.** A luz *LOS* vermelha na ONT indica que o sinal da fibra não está chegando: o cabo pode estar dobrado ou solto. Não dobre o fio amarelo fino e confira se o conector está bem encaixado.
- **Reinicie tudo.** Desligue a ONT e o roteador, espere um minuto, ligue primeiro a ONT e, dois minutos depois, o roteador.
- **Confira a sua conta.** Faturas com mais de 30 dias de atraso reduzem a conexão (veja *Atrasou o pagamento? Entenda o que acontece*).

Se nada resolver, abra um chamado em **Minha conta → Suporte** ou pelo chat. Normalmente resolvemos em até 24 horas, e cada dia completo sem serviço vira desconto na fatura.`,
    questions: [
      "minha internet caiu, nada conecta",
      "tem alguma falha na minha região agora?",
      "luz LOS vermelha na ONT, o que significa?",
      "em que ordem eu reinicio a ONT e o roteador?",
      "como abro um chamado de defeito?",
      "quanto tempo vocês levam pra resolver?",
      "tenho desconto pelos dias que fiquei sem net?",
      "nenhum aparelho navega desde cedo",
      "o fio amarelo ficou dobrado, pode ser isso?",
      "conta atrasada pode ser o motivo da net não funcionar?",
    ],
  },
  {
    key: "installation",
    category: "internet",
    title: "Agendamento da instalação",
    body: `Depois da contratação, ligamos em até dois dias úteis para agendar a visita do técnico. A instalação leva cerca de duas horas.

**Antes da visita**
- Tenha um maior de 18 anos em casa durante todo o atendimento.
- Escolha o lugar da ONT: perto de uma tomada e, de preferência, onde o roteador fique num ponto central e aberto.
- Em condomínio, peça autorização ao síndico ou à administração para passar o cabo pelas áreas comuns.

**No dia**, o técnico leva a fibra até o seu imóvel, instala a ONT, conecta o roteador e testa a velocidade com você.

**Precisa mudar o dia?** Remarque sem custo até 24 horas antes em **Minha conta → Instalação** ou pelo telefone. Se ninguém estiver em casa no horário combinado, a nova visita custa R$ 50.`,
    questions: [
      "quando vocês vão ligar pra marcar o técnico?",
      "quanto tempo demora a instalação?",
      "precisa ter alguém em casa na visita?",
      "posso remarcar a visita do técnico?",
      "e se eu não estiver em casa na hora marcada?",
      "onde devo colocar a ONT?",
      "moro em condomínio, preciso pedir autorização?",
      "o que o técnico faz no dia?",
      "meu filho de 16 anos pode receber o técnico?",
    ],
  },
  {
    key: "moving",
    category: "account",
    title: "Vou me mudar: como transferir o serviço",
    body: `Levar a internet para o novo endereço é simples, desde que a gente atenda a região.

1. Consulte a cobertura do novo endereço em example.com.br/cobertura.
2. Avise a data da mudança com pelo menos **15 dias de antecedência** em **Minha conta → Transferir endereço** ou pelo chat.
3. Agendamos a instalação no novo endereço para o dia que você escolher. A transferência é gratuita uma vez por ano; depois disso custa R$ 80.
4. Leve o roteador com você. A ONT fica no imóvel antigo.

O contrato, o plano e o preço continuam os mesmos; só muda o endereço.

Se não houver cobertura no novo endereço, você pode cancelar sem multa de fidelidade: basta enviar o comprovante do novo endereço.`,
    questions: [
      "vou mudar de casa, dá pra levar a internet junto?",
      "com quanto tempo de antecedência tenho que avisar?",
      "a transferência de endereço é paga?",
      "levo a ONT comigo?",
      "como vejo se tem cobertura no endereço novo?",
      "e se não tiver cobertura onde vou morar?",
      "o preço muda se eu me mudar?",
      "preciso levar o roteador pro apartamento novo?",
      "já mudei esse ano, a segunda vez é cobrada?",
    ],
  },
  {
    key: "cancel",
    category: "account",
    title: "Cancelamento do contrato",
    body: `Que pena que você quer sair. Para cancelar a internet:

- Peça em **Minha conta → Contrato → Cancelar** ou fale com a gente. O cancelamento é feito na hora, sem precisar ligar.
- A cobrança é proporcional até o dia do cancelamento e vem na última fatura.
- Se você ainda estiver no período de **fidelidade de 12 meses**, é cobrada uma multa proporcional aos meses que faltam.
- Devolva o roteador alugado em até 30 dias: leve a uma das nossas lojas ou agende a retirada gratuita. Equipamento não devolvido é cobrado em R$ 350.

A ONT também deve ser devolvida junto com o roteador.

Mudou de ideia? Você pode desistir do cancelamento enquanto o serviço não tiver sido desligado.`,
    questions: [
      "como cancelo a internet?",
      "tenho que ligar pra cancelar?",
      "tem multa se eu sair antes de 12 meses?",
      "vem mais alguma conta depois que eu encerrar?",
      "o que faço com o roteador depois de sair?",
      "quanto pago se não devolver o aparelho?",
      "preciso devolver a ONT também?",
      "vocês buscam o equipamento em casa?",
      "qual o prazo pra devolver o modem?",
      "desisti de sair, dá pra voltar atrás?",
    ],
  },
  {
    key: "account-password",
    category: "account",
    title: "Não consigo entrar na Minha conta",
    body: `Esqueceu a senha da área do cliente?

1. Na tela de login, clique em **Esqueci minha senha**.
2. Digite o CPF ou o e-mail cadastrado.
3. Enviamos um link para você criar uma senha nova. Ele vale por uma hora.

**O e-mail não chegou?** Veja a caixa de spam e aguarde alguns minutos. Confira se digitou o e-mail do cadastro: se você trocou de e-mail, fale com a gente para atualizar.

**Conta bloqueada?** Depois de cinco tentativas erradas seguidas, o acesso fica bloqueado por 15 minutos, para a sua segurança. Espere e tente de novo ou redefina a senha.

Nossa equipe nunca pede a sua senha, nem no chat nem por telefone.`,
    questions: [
      "esqueci a senha da área do cliente",
      "o link de redefinição não chegou",
      "por quanto tempo o link vale?",
      "minha conta ta bloqueada",
      "troquei de e-mail, como recupero o acesso?",
      "não consigo logar na Minha conta",
      "alguém do suporte pediu minha senha, é normal?",
      "quantas tentativas erradas até bloquear?",
      "posso recuperar a senha pelo CPF?",
    ],
  },
  {
    key: "returns",
    category: "orders",
    title: "Trocas, devoluções e reembolso",
    body: `Comprou na loja online e se arrependeu? Pelo Código de Defesa do Consumidor você tem **7 dias** após o recebimento para desistir da compra, e nós estendemos esse prazo para **30 dias**.

1. Acesse **Meus pedidos**, escolha o pedido e clique em **Devolver itens**.
2. Imprima a etiqueta de postagem e embale o produto, de preferência na caixa original, com todos os acessórios.
3. Leve a uma agência dos Correios. O frete de volta é por nossa conta.

O reembolso é feito em até **5 dias úteis** depois que o produto chega ao nosso centro de distribuição: estorno no cartão (pode aparecer na próxima fatura) ou Pix na conta do titular, se você pagou com boleto ou Pix.

Se preferir trocar por outro tamanho ou modelo, escolha **Trocar** em vez de devolver.

Produto com defeito? Veja *Produto com defeito e garantia*: a garantia segue outro processo.`,
    questions: [
      "me arrependi da compra, posso devolver?",
      "quantos dias eu tenho pra devolver?",
      "o direito de arrependimento não é só 7 dias?",
      "pago o frete da devolução?",
      "quando cai o estorno?",
      "paguei no boleto, como recebo o dinheiro de volta?",
      "quero trocar por outro tamanho",
      "preciso da caixa original?",
      "onde eu posto o produto?",
      "o estorno no cartão aparece quando?",
    ],
  },
  {
    key: "delivery",
    category: "orders",
    title: "Prazo de entrega e rastreamento do pedido",
    body: `Pedidos aprovados em dias úteis até as 14h saem do nosso centro de distribuição no mesmo dia. O prazo começa a contar depois da aprovação do pagamento (boleto leva até dois dias úteis para ser aprovado).

| Modalidade | Prazo | Frete |
| --- | --- | --- |
| Normal | 3 a 7 dias úteis | R$ 19,90, grátis acima de R$ 199 |
| Expressa | 1 a 2 dias úteis (capitais) | R$ 34,90 |
| Retirada na loja | 2 dias úteis | grátis |

Quando o pedido é despachado, você recebe por e-mail e WhatsApp o **código de rastreio**. Ele também aparece em **Meus pedidos**.

**O rastreio não atualiza há dias?** Às vezes a transportadora só registra a encomenda quando ela chega ao centro de triagem. Se nada mudar em cinco dias úteis, fale com a gente que abrimos uma investigação.

**Consta como entregue, mas não chegou?** Pergunte na portaria e aos vizinhos e nos avise em até 48 horas.`,
    questions: [
      "quanto tempo demora pra chegar?",
      "o frete é grátis?",
      "quanto custa a entrega expressa?",
      "cadê o código de rastreio?",
      "o rastreio ta parado há dias",
      "diz que foi entregue mas não recebi",
      "até que horas tenho que comprar pra sair no mesmo dia?",
      "posso retirar na loja?",
      "paguei no boleto, quando começa a contar o prazo?",
      "vocês avisam pelo whatsapp quando despacha?",
    ],
  },
  {
    key: "warranty",
    category: "orders",
    title: "Produto com defeito e garantia",
    body: `Todos os produtos têm a **garantia legal de 90 dias** e, na maioria dos casos, mais **1 ano de garantia do fabricante**.

Se o produto parou de funcionar:

1. Consulte a parte de solução de problemas do manual; muita coisa se resolve com uma reinicialização ou atualização.
2. Em **Meus pedidos**, escolha o produto e clique em **Relatar defeito**. Conte o que acontece e, se puder, envie foto ou vídeo.
3. Envie o produto com a etiqueta gratuita ou leve a uma loja.

O prazo para o conserto é de até 30 dias. Se não for possível consertar, trocamos o produto ou devolvemos o valor. Se o defeito for no roteador da internet, mandamos um aparelho reserva no dia útil seguinte.

Queda, contato com água ou pico de energia não são cobertos pela garantia, mas podemos fazer um orçamento de conserto.`,
    questions: [
      "o produto parou de funcionar depois de uns meses, tem cobertura?",
      "quanto tempo de garantia tem?",
      "tem garantia do fabricante também?",
      "como relato um defeito?",
      "deixei cair no chão, vocês consertam de graça?",
      "quanto tempo leva o conserto?",
      "meu roteador da internet estragou, vocês mandam outro enquanto isso?",
      "e se não der pra consertar?",
      "molhou, a garantia cobre?",
      "posso levar o produto com defeito numa loja?",
    ],
  },
  {
    key: "order-change",
    category: "orders",
    title: "Alterar ou cancelar um pedido",
    body: `Você pode alterar ou cancelar o pedido enquanto ele não sai do nosso centro de distribuição.

- **Mudar endereço de entrega ou modalidade de frete:** em **Meus pedidos**, escolha o pedido e clique em **Editar**. O botão fica disponível até o status mudar para *Enviado*.
- **Incluir ou tirar produtos:** não é possível depois do pagamento aprovado. Cancele e faça um novo pedido.
- **Cancelar:** clique em **Cancelar pedido**. No cartão, o estorno é solicitado na hora e aparece em até duas faturas; boleto e Pix são devolvidos por Pix em até 5 dias úteis.

Já foi enviado? Recuse a entrega quando o entregador chegar ou devolva depois, dentro de 30 dias (veja *Trocas, devoluções e reembolso*).`,
    questions: [
      "dá pra mudar o endereço de entrega do pedido?",
      "quero incluir mais um produto na compra que já paguei",
      "como cancelo uma compra?",
      "cancelei e tinha pago no cartão, quando volta o dinheiro?",
      "o botão editar sumiu, por quê?",
      "já foi enviado, ainda consigo cancelar?",
      "posso trocar o frete normal pelo expresso depois de comprar?",
      "paguei com pix e cancelei, como recebo de volta?",
      "comprei um item errado, posso tirar do pedido?",
    ],
  },
  {
    key: "refund-approvals",
    category: "team",
    visibility: "internal",
    title: "Aprovação de reembolsos: quem aprova o quê",
    body: `Procedimento interno da equipe de atendimento.

- Reembolsos **até R$ 500** podem ser aprovados por qualquer atendente, depois que o produto devolvido chegar ao estoque.
- Reembolsos **de R$ 500 a R$ 2.500** precisam de um supervisor: coloque a etiqueta *aprovacao-reembolso* e atribua a conversa ao supervisor de plantão.
- Acima de **R$ 2.500**, ou sem produto devolvido, encaminhe ao financeiro por e-mail (financeiro@example.com.br).

Registre sempre o número do pedido e o valor numa nota antes de aprovar.`,
  },
];
