app_name = "kanalen"

urlpatterns: list = []
